import type { Health } from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

/**
 * The API with a read replica (harness.ts: a second database that never catches up). Lists and
 * map layers read from it; a client that has just written reads from the primary, and so sees
 * what it wrote.
 */
describe.runIf(testEngine === 'postgres')('the API with a read replica', () => {
  let h: Harness;
  let duty: string;

  beforeAll(async () => {
    h = await startHarness({ readReplica: true });
    duty = await h.tokenFor('zj_duty');
  });
  afterAll(async () => {
    await h?.close();
  });

  const incidentCodes = async (cookie?: string) => {
    const res = await h.server.app.inject({
      method: 'GET',
      url: '/api/v1/incidents.geojson',
      headers: { authorization: `Bearer ${duty}`, ...(cookie ? { cookie } : {}) },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined(); // a read marks nothing
    return (res.json() as { features: Array<{ properties: { code: string } }> }).features.map(
      (f) => f.properties.code,
    );
  };

  it('serves map layers and lists from the replica, and says it has one', async () => {
    const [seeded] = await h.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sensor WHERE region_code LIKE '33%'",
    );
    expect(seeded?.n).toBeGreaterThan(0);
    const sensors = await h.server.app.inject({
      method: 'GET',
      url: '/api/v1/sensors.geojson',
      headers: { authorization: `Bearer ${duty}` },
    });
    // The replica has not caught up with any of them.
    expect((sensors.json() as { features: unknown[] }).features).toEqual([]);
    expect(await incidentCodes()).toEqual([]);
    const health = (await h.server.app.inject({ method: 'GET', url: '/healthz' })).json() as Health;
    expect(health.readReplicas).toBe(1);
  });

  it('an operator who took an incident in sees it in the next list; others read the replica', async () => {
    const res = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: { authorization: `Bearer ${duty}` },
      payload: { type: 'fire', title: '副本延迟', lon: 120.16, lat: 30.27 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { code } = (res.json() as { incident: { code: string } }).incident;
    const cookie = res.cookies.find((c) => c.name === 'onemap_wrote');
    expect(cookie).toMatchObject({ value: '1', maxAge: 5, httpOnly: true });
    expect(await incidentCodes(`onemap_wrote=${cookie?.value}`)).toContain(code);
    expect(await incidentCodes()).not.toContain(code);
  });
});
