import type { SensorSeries } from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneReadings } from '../src/services/retention.js';
import { type Harness, startHarness, trpcQuery } from './harness.js';

/**
 * Readings over time: the chart's series (raw for short windows, hourly aggregates for long ones),
 * the aggregates kept by ingest, and retention of raw readings.
 */
describe(`sensor series and retention on ${testEngine}`, () => {
  let h: Harness;
  let admin: string;
  let zj: string;
  /** Rainfall (no rate rule, thresholds far above these values): one reading every 10 minutes. */
  let sparse: string;
  /** One reading a second for two hours: too many raw points for a chart. */
  let dense: string;
  const hour = 3600_000;
  // Whole minutes, so readings fall on known hours.
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const start = now - 72 * hour;

  const post = (readings: unknown[]) =>
    h.server.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/readings',
      headers: { authorization: `Bearer ${admin}` },
      payload: readings,
    });
  const series = async (code: string, from: number, to: number, token = zj) => {
    const res = await trpcQuery(
      h,
      'monitoring.series',
      { code, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      token,
    );
    return { status: res.status, series: res.body.result?.data as SensorSeries };
  };
  const rawRows = (code: string) =>
    h.db.sql.query<{ ts: Date; value: number }>(
      `SELECT r.ts, r.value FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id
        WHERE s.code = $1 ORDER BY r.ts`,
      [code],
    );

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.tokenFor('admin');
    zj = await h.tokenFor('zj_duty');
    const codes = await h.db.sql.query<{ code: string }>(
      "SELECT code FROM sensor WHERE region_code LIKE '33%' AND kind = 'rainfall' ORDER BY id LIMIT 2",
    );
    [sparse, dense] = codes.map((c) => c.code) as [string, string];
    const sparseReadings = Array.from({ length: 72 * 6 }, (_, i) => ({
      sensorCode: sparse,
      ts: new Date(start + i * 10 * 60_000).toISOString(),
      value: Math.round(((i * 7) % 23) * 10) / 40, // 0 … 5.5 mm/h, uneven
    }));
    expect((await post(sparseReadings)).json()).toEqual({ accepted: 432, rejected: [] });
    // Sent again: stored once, and the aggregates count each reading once.
    expect((await post(sparseReadings.slice(100, 200))).json()).toEqual({ accepted: 100, rejected: [] });
    const denseReadings = Array.from({ length: 7200 }, (_, i) => ({
      sensorCode: dense,
      ts: new Date(now - 2 * hour + i * 1000).toISOString(),
      value: (i % 50) / 10,
    }));
    expect((await post(denseReadings)).json()).toEqual({ accepted: 7200, rejected: [] });
  });
  afterAll(() => h?.close());

  it('answers a short window with the raw readings in it', async () => {
    const { status, series: s } = await series(sparse, now - 6 * hour, now);
    expect(status).toBe(200);
    expect(s.resolution).toBe('raw');
    const expected = (await rawRows(sparse)).filter((r) => new Date(r.ts).getTime() >= now - 6 * hour);
    expect(s.points).toEqual(expected.map((r) => ({ ts: new Date(r.ts).toISOString(), value: r.value })));
    expect(s).toMatchObject({ code: sparse, unit: 'mm/h' });
  });

  it('answers a long window with hourly means and extremes equal to those of the raw readings', async () => {
    const { series: s } = await series(sparse, start, now);
    expect(s.resolution).toBe('hour');
    const byHour = new Map<number, number[]>();
    for (const r of await rawRows(sparse)) {
      const t = new Date(r.ts).getTime();
      const key = t - (t % hour);
      byHour.set(key, [...(byHour.get(key) ?? []), r.value]);
    }
    expect(s.points).toHaveLength(byHour.size);
    for (const p of s.points) {
      const values = byHour.get(Date.parse(p.ts)) as number[];
      expect(p.count).toBe(values.length);
      expect(p.value).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
      expect(p.min).toBe(Math.min(...values));
      expect(p.max).toBe(Math.max(...values));
    }
    const http = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/sensors/${sparse}/readings?resolution=hour&from=${new Date(start).toISOString()}`,
      headers: { authorization: `Bearer ${zj}` },
    });
    expect(http.json()).toEqual(s.points);
  });

  it('answers a short window with too many readings for a chart hourly', async () => {
    const { series: s } = await series(dense, now - 3 * hour, now);
    expect(s.resolution).toBe('hour');
    expect(s.points.reduce((n, p) => n + (p.count ?? 0), 0)).toBe(7200);
  });

  it('keeps series to the caller’s region and checks the window', async () => {
    expect((await series(sparse, now - hour, now, await h.tokenFor('sc_duty'))).status).toBe(404);
    expect((await series(sparse, now, now - hour)).status).toBe(400);
    expect((await series(sparse, now - 40 * 24 * hour, now)).status).toBe(400);
    const res = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/sensors/${sparse}/readings?resolution=minute`,
      headers: { authorization: `Bearer ${zj}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual(['resolution']);
  });

  it('deletes raw readings older than the retention period in batches and keeps the aggregates', async () => {
    const cutoff = now - 24 * hour;
    const [before] = await h.db.sql.query<{ old: number; recent: number; hourly: number; counted: number }>(
      `SELECT (SELECT count(*)::int FROM sensor_reading WHERE ts < $1) AS old,
              (SELECT count(*)::int FROM sensor_reading WHERE ts >= $1) AS recent,
              (SELECT count(*)::int FROM sensor_reading_hourly) AS hourly,
              (SELECT sum(count)::int FROM sensor_reading_hourly) AS counted`,
      [new Date(cutoff).toISOString()],
    );
    expect(before?.old).toBeGreaterThan(100);
    const deleted = await pruneReadings(h.db.sql, { rawDays: 1, aggregateDays: 0 }, { now, batch: 100 });
    expect(deleted).toEqual({ raw: before?.old, hourly: 0 });
    const [after] = await h.db.sql.query<{ old: number; recent: number; hourly: number; counted: number }>(
      `SELECT (SELECT count(*)::int FROM sensor_reading WHERE ts < $1) AS old,
              (SELECT count(*)::int FROM sensor_reading WHERE ts >= $1) AS recent,
              (SELECT count(*)::int FROM sensor_reading_hourly) AS hourly,
              (SELECT sum(count)::int FROM sensor_reading_hourly) AS counted`,
      [new Date(cutoff).toISOString()],
    );
    expect(after).toEqual({ ...before, old: 0 });

    // A short window where raw readings are gone comes from the aggregates; a recent one stays raw.
    const gone = await series(sparse, now - 48 * hour, now - 42 * hour);
    expect(gone.series.resolution).toBe('hour');
    expect(gone.series.points.length).toBeGreaterThan(0);
    expect((await series(sparse, now - 6 * hour, now)).series.resolution).toBe('raw');
  });

  it('deletes hourly aggregates older than theirs', async () => {
    const cutoff = now - 48 * hour;
    const [old] = await h.db.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sensor_reading_hourly WHERE hour < $1',
      [new Date(cutoff).toISOString()],
    );
    expect(old?.n).toBeGreaterThan(0);
    const deleted = await pruneReadings(h.db.sql, { rawDays: 0, aggregateDays: 2 }, { now, batch: 7 });
    expect(deleted).toEqual({ raw: 0, hourly: old?.n });
    const [left] = await h.db.sql.query<{ n: number; oldest: Date }>(
      'SELECT count(*)::int AS n, min(hour) AS oldest FROM sensor_reading_hourly',
    );
    expect(new Date(left?.oldest as Date).getTime()).toBeGreaterThanOrEqual(cutoff);
    expect(left?.n).toBeGreaterThan(0);
  });
});
