import { decodePointBatch, type PointLayerId } from '@onemap/domain';
import { type APIRequestContext, expect } from '@playwright/test';

/** A bearer token for a demo user, for reading what the server holds as that user. */
export async function tokenFor(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: 'onemap-demo' } });
  return ((await res.json()) as { token: string }).token;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** A tRPC query as `token`'s holder; fails the scenario with the server's answer when refused. */
export async function trpcQuery<T>(
  request: APIRequestContext,
  token: string,
  path: string,
  input: unknown,
): Promise<T> {
  const res = await request.get(
    `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    bearer(token),
  );
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

/** Reads what the server holds for `token`'s holder, to compare with what the page shows. */
export async function layerTotals(
  request: APIRequestContext,
  token: string,
): Promise<Record<string, number>> {
  const res = await request.get('/trpc/layers.summary', bearer(token));
  const body = (await res.json()) as { result: { data: Array<{ layer: string; total: number }> } };
  return Object.fromEntries(body.result.data.map((s) => [s.layer, s.total]));
}

/** The first feature of a layer (lowest id) with its position, from the layer's world tile. */
export async function firstFeature(request: APIRequestContext, token: string, layer: PointLayerId) {
  const res = await request.get(`/api/v1/layers/${layer}/tiles/0/0/0.bin`, bearer(token));
  const batch = decodePointBatch(new Uint8Array(await res.body()));
  return { id: batch.ids[0] as number, lon: batch.lon[0] as number, lat: batch.lat[0] as number };
}

export async function featureName(
  request: APIRequestContext,
  token: string,
  layer: string,
  id: number,
): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ layer, id }));
  const res = await request.get(`/trpc/features.detail?input=${input}`, bearer(token));
  return ((await res.json()) as { result: { data: { name: string } } }).result.data.name;
}

/**
 * The map's feature id of the sensor coded `code`, as `token`'s holder finds it: gateways and
 * alarms speak codes, the map's layers ids. Search matches codes as substrings and answers names,
 * so each sensor hit is checked against its detail.
 */
export async function sensorFeatureId(
  request: APIRequestContext,
  token: string,
  code: string,
): Promise<number> {
  const hits = await trpcQuery<Array<{ layer: string | null; id: string }>>(request, token, 'search.query', {
    q: code,
    limit: 50,
  });
  for (const hit of hits.filter((h) => h.layer === 'sensors')) {
    const id = Number(hit.id);
    const detail = await trpcQuery<{ code: string | null }>(request, token, 'features.detail', {
      layer: 'sensors',
      id,
    });
    if (detail.code === code) return id;
  }
  throw new Error(`no sensor coded ${code} among the search hits`);
}
