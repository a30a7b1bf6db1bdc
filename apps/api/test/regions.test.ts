import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

describe(`GET /api/v1/regions/at on ${testEngine}`, () => {
  let h: Harness;
  let analyst: string;
  beforeAll(async () => {
    h = await startHarness();
    analyst = await h.tokenFor('analyst');
  });
  afterAll(async () => {
    await h?.close();
  });

  const at = (query: string, token: string | null = analyst) =>
    h.server.app.inject({
      method: 'GET',
      url: `/api/v1/regions/at?${query}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('names the province, prefecture and county holding a place, province first', async () => {
    const res = await at('lon=120.16&lat=30.27'); // West Lake, Hangzhou
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      lon: number;
      lat: number;
      regions: Array<{ code: string; name: string; level: string }>;
    };
    expect(body).toMatchObject({ lon: 120.16, lat: 30.27 });
    expect(body.regions.slice(0, 2).map((r) => [r.code, r.name])).toEqual([
      ['330000', '浙江省'],
      ['330100', '杭州市'],
    ]);
    expect(body.regions.map((r) => r.code).every((c) => c.startsWith('33'))).toBe(true);
    // Outside the caller's own region too: boundaries are public.
    const chengdu = (await at('lon=104.07&lat=30.67')).json() as typeof body;
    expect(chengdu.regions[0]?.code).toBe('510000');
  });

  it('answers no regions at sea', async () => {
    const res = await at('lon=125.5&lat=28.0'); // the East China Sea
    expect(res.statusCode).toBe(200);
    expect((res.json() as { regions: unknown[] }).regions).toEqual([]);
  });

  it('refuses a place it cannot read, naming the field, and an anonymous caller', async () => {
    for (const [query, field] of [
      ['lon=190&lat=30', 'lon'],
      ['lon=120&lat=north', 'lat'],
      ['lat=30', 'lon'],
    ] as const) {
      const res = await at(query);
      expect(res.statusCode, query).toBe(400);
      expect((res.json() as { fields: string[] }).fields).toContain(field);
    }
    expect((await at('lon=120&lat=30', null)).statusCode).toBe(401);
  });
});
