import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/services/api-tokens.js';
import { type Harness, startHarness } from './harness.js';

describe(`sensor readings in and out on ${testEngine}`, () => {
  let h: Harness;
  let gateway: string;
  let zj: Array<{ code: string; kind: string; warn: number | null; alarm: number | null }>;
  let sichuan: string;

  beforeAll(async () => {
    h = await startHarness();
    gateway = (
      await createToken(h.db.sql, { name: 'zj-gw', role: 'sensor_gateway', regionCode: '330000' }, 'test')
    ).token;
    zj = await h.db.sql.query(
      `SELECT code, kind, warn_threshold AS warn, alarm_threshold AS alarm FROM sensor
        WHERE region_code LIKE '33%' AND kind = 'water_level' ORDER BY id LIMIT 3`,
    );
    const [sc] = await h.db.sql.query<{ code: string }>(
      "SELECT code FROM sensor WHERE region_code LIKE '51%' LIMIT 1",
    );
    sichuan = sc?.code ?? '';
  });
  afterAll(() => h?.close());

  const post = (payload: unknown, token = gateway, contentType = 'application/json') =>
    h.server.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/readings',
      payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    });
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  it('stores a batch durably, moves each sensor to its newest value and state, and serves it back in time order', async () => {
    const [a, b] = zj;
    const res = await post([
      { sensorCode: a?.code, ts: minutesAgo(3), value: 2.1 },
      { sensorCode: a?.code, ts: minutesAgo(1), value: (a?.alarm ?? 5.5) + 0.2 },
      { sensorCode: a?.code, ts: minutesAgo(2), value: 3.0 },
      { sensorCode: b?.code, ts: minutesAgo(1), value: (b?.warn ?? 4.5) + 0.1 },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 4, rejected: [] });
    const [sa] = await h.db.sql.query<{ state: string; last_value: number }>(
      'SELECT state, last_value FROM sensor WHERE code = $1',
      [a?.code],
    );
    expect(sa).toEqual({ state: 'alarm', last_value: (a?.alarm ?? 5.5) + 0.2 });
    const [sb] = await h.db.sql.query<{ state: string }>('SELECT state FROM sensor WHERE code = $1', [
      b?.code,
    ]);
    expect(sb?.state).toBe('warning');

    const admin = await h.tokenFor('admin');
    const readings = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/sensors/${a?.code}/readings?from=${encodeURIComponent(minutesAgo(10))}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    const values = (readings.json() as Array<{ ts: string; value: number }>).map((r) => r.value);
    expect(values).toEqual([2.1, 3.0, (a?.alarm ?? 5.5) + 0.2]);

    const one = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/sensors/${a?.code}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(one.json().properties).toMatchObject({
      code: a?.code,
      state: 'alarm',
      thresholds: { alarm: a?.alarm },
    });
  });

  it('is idempotent for the same sensor and time, and a late reading does not move the latest value', async () => {
    const [, , c] = zj;
    const batch = [{ sensorCode: c?.code, ts: minutesAgo(5), value: 2.5 }];
    expect((await post(batch)).json()).toEqual({ accepted: 1, rejected: [] });
    expect((await post(batch)).json()).toEqual({ accepted: 1, rejected: [] });
    const [count] = await h.db.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id WHERE s.code = $1',
      [c?.code],
    );
    expect(count?.n).toBe(1);
    await post([{ sensorCode: c?.code, ts: minutesAgo(30), value: 1.5 }]);
    const [latest] = await h.db.sql.query<{ last_value: number }>(
      'SELECT last_value FROM sensor WHERE code = $1',
      [c?.code],
    );
    expect(latest?.last_value).toBe(2.5);
  });

  it('rejects each bad item with its index and reason and keeps the good ones', async () => {
    const [a] = zj;
    const good = { sensorCode: a?.code, ts: minutesAgo(0.5), value: 2 };
    const body = `[
      ${JSON.stringify(good)},
      {"sensorCode": "${a?.code}", "ts": "${minutesAgo(1)}", "value": "12"},
      {"sensorCode": "${a?.code}", "ts": "${minutesAgo(1)}", "value": 1e400},
      {"sensorCode": "${a?.code}", "ts": "${minutesAgo(1)}", "value": 9999},
      {"sensorCode": "${a?.code}", "ts": "${new Date(Date.now() + 3600_000).toISOString()}", "value": 2},
      {"sensorCode": "${a?.code}", "ts": "2019-01-01T00:00:00Z", "value": 2},
      {"sensorCode": "${a?.code}", "ts": "yesterday", "value": 2},
      {"sensorCode": "NO-SUCH-SENSOR", "ts": "${minutesAgo(1)}", "value": 2},
      {"sensorCode": "${sichuan}", "ts": "${minutesAgo(1)}", "value": 2},
      {"value": 2},
      null
    ]`;
    const res = await post(body);
    expect(res.statusCode).toBe(200);
    const result = res.json() as { accepted: number; rejected: Array<{ index: number; reason: string }> };
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const reason = (i: number) => result.rejected.find((r) => r.index === i)?.reason;
    expect(reason(1)).toMatch(/^value:/);
    expect(reason(2)).toMatch(/^value: .*(Infinity|finite)/);
    expect(reason(3)).toMatch(/outside what a water_level sensor can read/);
    expect(reason(4)).toBe('ts: in the future');
    expect(reason(5)).toBe('ts: older than a year');
    expect(reason(6)).toMatch(/^ts:/);
    expect(reason(7)).toBe('sensorCode: unknown sensor NO-SUCH-SENSOR');
    // A sensor outside the gateway's region is unknown to it.
    expect(reason(8)).toBe(`sensorCode: unknown sensor ${sichuan}`);
    expect(reason(9)).toMatch(/^sensorCode:/);
  });

  it('refuses malformed, oversized and non-array requests whole, with a clear reason', async () => {
    const malformed = await post('[{"sensorCode": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/json/);
    const notArray = await post({ sensorCode: 'x' });
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json().message).toMatch(/JSON array/);
    const tooMany = await post(
      Array.from({ length: 10_001 }, () => ({ sensorCode: 'x', ts: minutesAgo(1), value: 1 })),
    );
    expect(tooMany.statusCode).toBe(413);
    const tooBig = await post(`[${'"x",'.repeat(1_500_000)}"x"]`);
    expect(tooBig.statusCode).toBe(413);
    const notUtf8 = await post(Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]));
    expect([200, 400]).toContain(notUtf8.statusCode);
    if (notUtf8.statusCode === 200) expect(notUtf8.json().accepted).toBe(0);
    const xml = await post('<readings/>', gateway, 'application/xml');
    expect(xml.statusCode).toBe(415);
  });

  it('lets only ingest roles write, and answers sensors as region-scoped GeoJSON with a validated bbox', async () => {
    const analyst = await h.tokenFor('analyst');
    expect((await post([], analyst)).statusCode).toBe(403);
    const zjDuty = await h.tokenFor('zj_duty');
    const get = (url: string) =>
      h.server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${zjDuty}` } });
    const all = (await get('/api/v1/sensors.geojson?limit=50000')).json() as {
      features: Array<{ properties: { regionCode: string; code: string } }>;
    };
    expect(all.features.length).toBeGreaterThan(0);
    expect(all.features.every((f) => f.properties.regionCode.startsWith('33'))).toBe(true);
    const box = (await get('/api/v1/sensors.geojson?bbox=120,30,120.5,30.5')).json() as {
      features: Array<{ geometry: { coordinates: [number, number] } }>;
    };
    for (const f of box.features) {
      expect(f.geometry.coordinates[0]).toBeGreaterThanOrEqual(120);
      expect(f.geometry.coordinates[0]).toBeLessThanOrEqual(120.5);
    }
    const bad = await get('/api/v1/sensors.geojson?bbox=120,30,north,31');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual(['bbox']);
    expect((await get(`/api/v1/sensors/${sichuan}`)).statusCode).toBe(404);
    const badRange = await get(
      `/api/v1/sensors/${zj[0]?.code}/readings?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
    );
    expect(badRange.statusCode).toBe(400);
  });
});
