import { decodePointBatch, type PointLayerId } from '@onemap/domain';
import type { APIRequestContext } from '@playwright/test';

/** Reads what the server holds, to compare with what the page shows. */
export async function layerTotals(request: APIRequestContext): Promise<Record<string, number>> {
  const res = await request.get('/trpc/layers.summary');
  const body = (await res.json()) as { result: { data: Array<{ layer: string; total: number }> } };
  return Object.fromEntries(body.result.data.map((s) => [s.layer, s.total]));
}

/** The first feature of a layer (lowest id) with its position, from the layer's world tile. */
export async function firstFeature(request: APIRequestContext, layer: PointLayerId) {
  const res = await request.get(`/api/v1/layers/${layer}/tiles/0/0/0.bin`);
  const batch = decodePointBatch(new Uint8Array(await res.body()));
  return { id: batch.ids[0] as number, lon: batch.lon[0] as number, lat: batch.lat[0] as number };
}

export async function featureName(request: APIRequestContext, layer: string, id: number): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ layer, id }));
  const res = await request.get(`/trpc/features.detail?input=${input}`);
  return ((await res.json()) as { result: { data: { name: string } } }).result.data.name;
}
