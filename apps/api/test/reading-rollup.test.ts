import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpReadings } from '../src/services/reading-rollup.js';
import { pruneReadings } from '../src/services/retention.js';
import { type Harness, startHarness } from './harness.js';

/**
 * Hourly aggregates by roll-up: an hour not rolled up yet is answered from the raw readings, a
 * roll-up stores exactly that, a late reading of a rolled-up hour is added at once and only once,
 * a message sent again stores nothing twice, and retention keeps raw readings not yet aggregated.
 */
describe(`readings roll-up on ${testEngine}`, () => {
  let h: Harness;
  let admin: string;
  let code: string;
  let sensorId: number;
  const hour = 3600_000;
  const now = Date.now();
  const thisHour = now - (now % hour);
  const lastHour = thisHour - hour;
  /** A roll-up run in the middle of this hour: it takes every hour before this one. */
  const rollNow = thisHour + 30 * 60_000;
  /** Two hours ago: as if the last roll-up of this sensor had run then. */
  const rolledBefore = thisHour - 2 * hour;

  const post = async (readings: Array<{ ts: number; value: number }>) => {
    const res = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/readings',
      headers: { authorization: `Bearer ${admin}` },
      payload: readings.map((r) => ({ sensorCode: code, ts: new Date(r.ts).toISOString(), value: r.value })),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as { accepted: number; rejected: unknown[] };
  };
  const hoursAnswered = async () => {
    const res = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/sensors/${code}/readings?resolution=hour&from=${new Date(rolledBefore).toISOString()}&limit=100`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as Array<{ ts: string; value: number; min: number; max: number; count: number }>;
  };
  const stored = async () => {
    const [row] = await h.db.sql.query<{ raw: number; hourly: number; rows: number; rolled: Date }>(
      `SELECT (SELECT count(*)::int FROM sensor_reading WHERE sensor_id = $1 AND ts >= $2) AS raw,
              (SELECT coalesce(sum(count), 0)::int FROM sensor_reading_hourly WHERE sensor_id = $1 AND hour >= $2) AS hourly,
              (SELECT count(*)::int FROM sensor_reading_hourly WHERE sensor_id = $1 AND hour >= $2) AS rows,
              (SELECT rolled_until FROM sensor WHERE id = $1) AS rolled`,
      [sensorId, new Date(rolledBefore).toISOString()],
    );
    return { ...row, rolled: new Date(row?.rolled as Date).getTime() };
  };

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.tokenFor('admin');
    const [sensor] = await h.db.sql.query<{ id: number; code: string }>(
      "SELECT id, code FROM sensor WHERE kind = 'rainfall' ORDER BY id LIMIT 1",
    );
    ({ id: sensorId, code } = sensor as { id: number; code: string });
    await h.db.sql.query('UPDATE sensor SET rolled_until = $2 WHERE id = $1', [
      sensorId,
      new Date(rolledBefore).toISOString(),
    ]);
  });
  afterAll(() => h?.close());

  // One reading a minute over the last hour, 0.0 … 5.9 mm/h.
  const lastHourReadings = Array.from({ length: 60 }, (_, m) => ({
    ts: lastHour + m * 60_000,
    value: m / 10,
  }));

  it('answers hours not rolled up yet from the raw readings, and stores nothing for them', async () => {
    expect(await post(lastHourReadings)).toEqual({ accepted: 60, rejected: [] });
    expect(await stored()).toEqual({ raw: 60, hourly: 0, rows: 0, rolled: rolledBefore });
    const answered = await hoursAnswered();
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ ts: new Date(lastHour).toISOString(), count: 60, min: 0, max: 5.9 });
    expect(answered[0]?.value).toBeCloseTo(2.95, 9);
  });

  it('stores a message sent again once, also mixed with new readings', async () => {
    const again = [...lastHourReadings.slice(0, 10), { ts: lastHour + 30_000, value: 1 }];
    expect(await post(again)).toEqual({ accepted: 11, rejected: [] });
    expect((await stored()).raw).toBe(61);
  });

  it('rolls the completed hours into exactly what was answered before, once', async () => {
    const before = await hoursAnswered();
    const rolled = await rollUpReadings(h.db.sql, { now: rollNow });
    expect(rolled.sensors).toBeGreaterThanOrEqual(1);
    // The hour before last had no readings; the last hour is one row.
    expect(await stored()).toEqual({ raw: 61, hourly: 61, rows: 1, rolled: thisHour });
    expect(await hoursAnswered()).toEqual(before);
    // Nothing is left to roll up until the hour is over, and a second run changes nothing.
    expect(await rollUpReadings(h.db.sql, { now: rollNow })).toEqual({ sensors: 0, hours: 0 });
    expect(await stored()).toEqual({ raw: 61, hourly: 61, rows: 1, rolled: thisHour });
  });

  it('adds a late reading of a rolled-up hour to it at once, and only once', async () => {
    const late = { ts: lastHour + 90_000, value: 9 };
    expect(await post([late])).toEqual({ accepted: 1, rejected: [] });
    expect(await post([late])).toEqual({ accepted: 1, rejected: [] });
    expect(await stored()).toEqual({ raw: 62, hourly: 62, rows: 1, rolled: thisHour });
    expect((await hoursAnswered())[0]).toMatchObject({ count: 62, max: 9 });
  });

  it('keeps raw readings that are not rolled up yet, whatever retention says', async () => {
    // A sensor whose roll-up has not run for two days, with readings of yesterday.
    const [other] = await h.db.sql.query<{ id: number; code: string }>(
      "SELECT id, code FROM sensor WHERE kind = 'rainfall' ORDER BY id OFFSET 1 LIMIT 1",
    );
    const twoDaysAgo = thisHour - 48 * hour;
    await h.db.sql.query('UPDATE sensor SET rolled_until = $2 WHERE id = $1', [
      other?.id,
      new Date(twoDaysAgo).toISOString(),
    ]);
    const yesterday = thisHour - 30 * hour;
    const res = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/readings',
      headers: { authorization: `Bearer ${admin}` },
      payload: [0, 1, 2].map((m) => ({
        sensorCode: other?.code,
        ts: new Date(yesterday + m * 60_000).toISOString(),
        value: m,
      })),
    });
    expect(res.json()).toEqual({ accepted: 3, rejected: [] });
    const kept = () =>
      h.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM sensor_reading WHERE sensor_id = $1', [
        other?.id,
      ]);
    await pruneReadings(h.db.sql, { rawDays: 1, aggregateDays: 0 }, { now: rollNow });
    expect((await kept())[0]?.n).toBe(3);
    // Rolled up, they are in the aggregates, and retention may take them.
    await rollUpReadings(h.db.sql, { now: rollNow });
    const [hourly] = await h.db.sql.query<{ n: number }>(
      'SELECT sum(count)::int AS n FROM sensor_reading_hourly WHERE sensor_id = $1 AND hour = $2',
      [other?.id, new Date(yesterday).toISOString()],
    );
    expect(hourly?.n).toBe(3);
    await pruneReadings(h.db.sql, { rawDays: 1, aggregateDays: 0 }, { now: rollNow });
    expect((await kept())[0]?.n).toBe(0);
  });
});
