import {
  type AlarmSummary,
  kindRules,
  type SensorChange,
  type SensorKind,
  type SensorStatus,
  sensorKindDefaults,
  sensorKinds,
} from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionalSensorChange } from '../src/events/sensor-changes.js';
import { startMonitoringJobs } from '../src/jobs/monitoring.js';
import { sweepOffline } from '../src/services/offline.js';
import { applyKindRules } from '../src/services/sensor-rules.js';
import { type Harness, SEED_NOW, startHarness, trpcMutation, trpcQuery } from './harness.js';

describe(`sensor rules on ${testEngine}`, () => {
  let h: Harness;
  let admin: string;
  let zj: string;
  /** The four Zhejiang water-level sensors of the test seed, each changed by one test. */
  let water: string[];
  let sichuan: string;
  const base = Date.now() - 2 * 3600_000;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.tokenFor('admin');
    zj = await h.tokenFor('zj_duty');
    water = (
      await h.db.sql.query<{ code: string }>(
        `SELECT code FROM sensor WHERE region_code LIKE '33%' AND kind = 'water_level' AND state = 'normal'
          ORDER BY id LIMIT 4`,
      )
    ).map((s) => s.code);
    const [sc] = await h.db.sql.query<{ code: string }>(
      "SELECT code FROM sensor WHERE region_code LIKE '51%' AND kind = 'water_level' ORDER BY id LIMIT 1",
    );
    sichuan = sc?.code ?? '';
  });
  afterAll(() => h?.close());

  /** Sends readings `[minutes after base, value]` one request each, in order. */
  const send = async (code: string, readings: Array<[number, number]>) => {
    for (const [minute, value] of readings) {
      const res = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/readings',
        headers: { authorization: `Bearer ${admin}` },
        payload: [{ sensorCode: code, ts: new Date(base + minute * 60_000).toISOString(), value }],
      });
      expect(res.json()).toEqual({ accepted: 1, rejected: [] });
    }
  };
  const status = async (code: string, token = zj) => {
    const res = await trpcQuery(h, 'monitoring.sensor', { code }, token);
    return { status: res.status, sensor: res.body.result?.data as SensorStatus };
  };
  const setRules = async (input: Record<string, unknown>, token = zj) => {
    const res = await trpcMutation(h, 'monitoring.setSensorRules', input, token);
    return { status: res.status, sensor: res.body.result?.data as SensorStatus, error: res.body.error };
  };
  const alarmsOf = async (code: string, rule?: string, token = zj) => {
    const res = await trpcQuery(h, 'monitoring.alarms', { state: 'all', sensorCode: code }, token);
    return ((res.body.result?.data ?? []) as AlarmSummary[]).filter((a) => !rule || a.rule === rule);
  };
  const stateOf = async (code: string) =>
    (await h.db.sql.query<{ state: string }>('SELECT state FROM sensor WHERE code = $1', [code]))[0]?.state;
  /** What the SensorChangeBus carries while `action` runs. */
  const published = async (action: () => Promise<unknown>) => {
    const seen: RegionalSensorChange[] = [];
    const off = h.events.subscribe((changes) => seen.push(...changes));
    try {
      await action();
    } finally {
      off();
    }
    return seen;
  };

  it('keeps each kind’s defaults as the domain defines them, and seeded sensors follow their kind', async () => {
    const rows = await h.db.sql.query<{
      kind: string;
      warn: number | null;
      alarm: number | null;
      rate_per_min: number | null;
      offline_after_intervals: number;
    }>('SELECT * FROM sensor_kind_rule ORDER BY kind');
    expect(
      Object.fromEntries(
        rows.map((r) => [
          r.kind,
          {
            warn: r.warn,
            alarm: r.alarm,
            ratePerMin: r.rate_per_min,
            offlineAfterIntervals: r.offline_after_intervals,
          },
        ]),
      ),
    ).toEqual(Object.fromEntries(sensorKinds.codes.map((k) => [k, kindRules[k]])));
    const [apart] = await h.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sensor s JOIN sensor_kind_rule k ON k.kind = s.kind
        WHERE s.warn_threshold IS DISTINCT FROM k.warn OR s.alarm_threshold IS DISTINCT FROM k.alarm
           OR s.rate_per_min IS DISTINCT FROM k.rate_per_min
           OR s.offline_after_intervals <> k.offline_after_intervals OR cardinality(s.rules_overridden) > 0`,
    );
    expect(apart?.n).toBe(0);
    expect(await applyKindRules(h.db.sql)).toBe(0);
  });

  it('answers a sensor with the rules in force, in the caller’s region only', async () => {
    const code = water[0] as string;
    const { status: ok, sensor } = await status(code);
    expect(ok).toBe(200);
    expect(sensor).toMatchObject({
      code,
      kind: 'water_level',
      unit: 'm',
      samplingIntervalS: 300,
      rules: kindRules.water_level,
      overridden: [],
      normal: [1, 4],
    });
    expect((await status(code, await h.tokenFor('sc_duty'))).status).toBe(404);
    expect((await status(sichuan)).status).toBe(404);
    expect((await status('NO-SUCH-SENSOR')).status).toBe(404);
    const res = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/sensors/${code}`,
      headers: { authorization: `Bearer ${zj}` },
    });
    expect(res.json().properties).toMatchObject({
      thresholds: { warn: 4.5, alarm: 5.5, intervalS: 300 },
      rules: kindRules.water_level,
      overridden: [],
    });
  });

  it('judges a sensor at once under overridden thresholds, with hysteresis, and back under its kind', async () => {
    const code = water[1] as string;
    await send(code, [[0, 4.0]]);
    expect(await stateOf(code)).toBe('normal');

    let set!: Awaited<ReturnType<typeof setRules>>;
    const changes = await published(async () => {
      set = await setRules({ code, warn: 3.5, alarm: 3.9 });
    });
    expect(set.status).toBe(200);
    expect(set.sensor).toMatchObject({
      state: 'alarm',
      rules: { warn: 3.5, alarm: 3.9, ratePerMin: 0.02, offlineAfterIntervals: 3 },
      overridden: ['warn', 'alarm'],
    });
    expect(changes).toEqual([expect.objectContaining({ code, state: 'alarm', lastValue: 4.0 })]);
    const [raised] = await alarmsOf(code, 'threshold');
    expect(raised).toMatchObject({ level: 'alarm', state: 'open', raisedValue: 4.0 });

    // The band follows the overridden thresholds: 5 % of 3.5 − 4 (top of normal) = 0.025.
    await send(code, [
      [5, 3.89],
      [10, 3.88],
    ]);
    expect((await alarmsOf(code, 'threshold'))[0]).toMatchObject({ id: raised?.id, level: 'alarm' });
    await send(code, [[15, 3.87]]);
    expect((await alarmsOf(code, 'threshold'))[0]).toMatchObject({ id: raised?.id, level: 'warning' });

    const back = await setRules({ code });
    expect(back.sensor).toMatchObject({ state: 'normal', rules: kindRules.water_level, overridden: [] });
    expect((await alarmsOf(code, 'threshold'))[0]).toMatchObject({ id: raised?.id, state: 'cleared' });
  });

  it('switches rules off with null: no threshold or rate alarm however high or fast', async () => {
    const code = water[2] as string;
    const set = await setRules({ code, warn: null, alarm: null, ratePerMin: null });
    expect(set.sensor).toMatchObject({
      rules: { warn: null, alarm: null, ratePerMin: null, offlineAfterIntervals: 3 },
      overridden: ['warn', 'alarm', 'ratePerMin'],
    });
    await send(code, [
      [0, 2],
      [1, 9],
    ]);
    expect(await stateOf(code)).toBe('normal');
    expect(await alarmsOf(code)).toEqual([]);
    // Back to the kind: the thresholds and the rate apply again from the last value on.
    expect((await setRules({ code })).sensor.state).toBe('alarm');
    expect((await alarmsOf(code)).map((a) => a.rule).sort()).toEqual(['rate', 'threshold']);
  });

  it('raises a rate-of-change warning, escalates at twice the limit, and clears with hysteresis', async () => {
    const code = water[3] as string;
    // water_level: 0.02 m/min; alarm at 0.04; clears below 0.016 (warning) / 0.036 (alarm).
    const steps: Array<[number, number, string]> = [
      [0, 2.0, 'normal'],
      [1, 2.03, 'warning'],
      [2, 2.08, 'alarm'],
      [3, 2.115, 'warning'],
      [4, 2.132, 'warning'],
      [5, 2.14, 'normal'],
    ];
    const states: string[] = [];
    for (const [minute, value] of steps) {
      await send(code, [[minute, value]]);
      states.push((await stateOf(code)) as string);
    }
    expect(states).toEqual(steps.map((s) => s[2]));
    const rate = await alarmsOf(code, 'rate');
    expect(rate).toHaveLength(1);
    expect(rate[0]).toMatchObject({ level: 'warning', state: 'cleared' });
    expect(rate[0]?.raisedValue).toBeCloseTo(0.03, 6);
    expect(rate[0]?.peakValue).toBeCloseTo(0.05, 6);
    expect(await alarmsOf(code, 'threshold')).toEqual([]);
  });

  it('lets people on duty set rules in their region, not analysts, and checks the rules in force', async () => {
    const code = water[0] as string;
    expect((await setRules({ code, alarm: 6 }, await h.tokenFor('analyst'))).status).toBe(403);
    expect((await setRules({ code, alarm: 6 }, await h.tokenFor('sc_duty'))).status).toBe(404);
    const above = await setRules({ code, warn: 6 });
    expect(above.status).toBe(400);
    expect(above.error?.data.fields).toEqual([
      { path: 'warn', message: 'warn (6) must be below alarm (5.5)' },
    ]);
    const swapped = await setRules({ code, warn: 6, alarm: 5 });
    expect(swapped.status).toBe(400);
    expect(swapped.error?.data.fields?.[0]?.path).toBe('warn');
    expect((await setRules({ code, offlineAfterIntervals: 0 })).status).toBe(400);
    expect((await setRules({ code, alarm: 6 })).status).toBe(200);
    const [audit] = await h.db.sql.query<{ actor: string; details: { input: { alarm: number } } }>(
      `SELECT actor, details FROM audit_log WHERE action = 'monitoring.setSensorRules' AND outcome = 'success'
        ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ actor: 'zj_duty', details: { input: { alarm: 6 } } });
  });

  it('writes an edited kind default onto the sensors following it, not onto overridden ones', async () => {
    const own = water[0] as string; // alarm overridden to 6 above
    const follows = water[1] as string; // back to its kind's rules
    await h.db.sql.query(
      "UPDATE sensor_kind_rule SET alarm = 7, rate_per_min = 0.05 WHERE kind = 'water_level'",
    );
    try {
      expect(await applyKindRules(h.db.sql)).toBeGreaterThan(0);
      expect((await status(follows)).sensor.rules).toMatchObject({ alarm: 7, ratePerMin: 0.05 });
      expect((await status(own)).sensor.rules).toMatchObject({ alarm: 6, ratePerMin: 0.05 });
    } finally {
      await h.db.sql.query(
        "UPDATE sensor_kind_rule SET alarm = 5.5, rate_per_min = 0.02 WHERE kind = 'water_level'",
      );
      await applyKindRules(h.db.sql);
    }
    expect((await status(follows)).sensor.rules).toEqual(kindRules.water_level);
  });

  it('lists one sensor’s alarm history, newest first, over tRPC and HTTP', async () => {
    const code = water[3] as string;
    await send(code, [[20, 6]]); // above the alarm threshold, and 0.26 m/min since the last reading
    const history = await alarmsOf(code);
    expect(history.map((a) => a.rule).sort()).toEqual(['rate', 'rate', 'threshold']);
    expect(history.map((a) => a.state).slice(2)).toEqual(['cleared']);
    const raised = history.map((a) => Date.parse(a.raisedAt));
    expect(raised).toEqual([...raised].sort((a, b) => b - a));
    expect(history.every((a) => a.sensorCode === code)).toBe(true);
    const res = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/alarms?state=all&sensorCode=${code}`,
      headers: { authorization: `Bearer ${zj}` },
    });
    expect((res.json() as AlarmSummary[]).map((a) => a.id)).toEqual(history.map((a) => a.id));
    const outside = await trpcQuery(
      h,
      'monitoring.alarms',
      { state: 'all', sensorCode: code },
      await h.tokenFor('sc_duty'),
    );
    expect(outside.body.result?.data).toEqual([]);
  });

  describe('offline detection', () => {
    // Seeded sensors last reported within one sampling interval before SEED_NOW.
    const now = SEED_NOW.getTime() + 10 * 60_000;

    it('gives sensors not heard since a start the grace to reconnect, and judges the others at once', async () => {
      const startedAt = SEED_NOW.getTime() + 60_000;
      const sweep = (graceMs: number) => sweepOffline(h.db.sql, { now, startedAt, graceMs });
      // Gas detectors (30 s × 3) silent since the seed: not yet 90 s past the grace, or within it.
      expect(await sweepOffline(h.db.sql, { now, startedAt: now - 60_000, graceMs: 0 })).toEqual([]);
      expect(await sweep(10 * 60_000)).toEqual([]);
      // One of them reported after the start, 5 minutes before `now`: silent past its window.
      const [gas] = await h.db.sql.query<{ id: number; code: string; kind: SensorKind }>(
        `SELECT id, code, kind FROM sensor WHERE sampling_interval_s = 30 AND state <> 'offline'
          ORDER BY id LIMIT 1`,
      );
      const res = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/readings',
        headers: { authorization: `Bearer ${admin}` },
        payload: [
          {
            sensorCode: gas?.code,
            ts: new Date(now - 5 * 60_000).toISOString(),
            value: sensorKindDefaults[gas?.kind as SensorKind].normal[0],
          },
        ],
      });
      expect(res.json().accepted).toBe(1);
      expect((await sweep(10 * 60_000)).map((c) => c.code)).toEqual([gas?.code]);
    });

    it('marks every silent sensor offline in one sweep, with one offline alarm each', async () => {
      const expected = await h.db.sql.query<{ id: number }>(
        `SELECT id FROM sensor WHERE state <> 'offline'
            AND last_reading_at < $1::timestamptz - make_interval(secs => sampling_interval_s * offline_after_intervals)
          ORDER BY id`,
        [new Date(now).toISOString()],
      );
      expect(expected.length).toBeGreaterThan(0);
      const changes = await sweepOffline(h.db.sql, { now, startedAt: now - 86_400_000, graceMs: 0 });
      expect(changes.map((c) => c.id).sort((a, b) => a - b)).toEqual(expected.map((e) => e.id));
      expect(changes.every((c) => c.state === 'offline')).toBe(true);
      const [counts] = await h.db.sql.query<{ offline: number; alarms: number; water: number }>(
        `SELECT (SELECT count(*)::int FROM sensor WHERE id = ANY($1::int[]) AND state = 'offline') AS offline,
                (SELECT count(*)::int FROM alarm WHERE sensor_id = ANY($1::int[]) AND rule = 'offline'
                    AND state = 'open' AND level = 'warning' AND raised_at = $2) AS alarms,
                (SELECT count(*)::int FROM sensor WHERE id = ANY($1::int[]) AND kind = 'water_level') AS water`,
        [expected.map((e) => e.id), new Date(now).toISOString()],
      );
      expect(counts).toEqual({ offline: expected.length, alarms: expected.length, water: 0 });
      // Gas detectors (30 s × 3) are silent after 10 minutes, river gauges (300 s × 3) not yet.
      expect(await sweepOffline(h.db.sql, { now, startedAt: now - 86_400_000, graceMs: 0 })).toEqual([]);
    });

    it('restores a sensor from its value when a fresh reading arrives, not when an old one does', async () => {
      // Sensors sampled every 30 s, silent since the seed: anything a minute old is stale for them.
      const [fresh, buffered] = await h.db.sql.query<{ code: string; kind: SensorKind }>(
        `SELECT code, kind FROM sensor WHERE state = 'offline' AND sampling_interval_s = 30
            AND EXISTS (SELECT 1 FROM alarm a WHERE a.sensor_id = sensor.id AND a.rule = 'offline')
          ORDER BY id LIMIT 2`,
      );
      const normal = (s: typeof fresh) => sensorKindDefaults[s?.kind as SensorKind].normal[0];
      const post = (code: string, ts: number, value: number) =>
        h.server.app.inject({
          method: 'POST',
          url: '/api/v1/ingest/readings',
          headers: { authorization: `Bearer ${admin}` },
          payload: [{ sensorCode: code, ts: new Date(ts).toISOString(), value }],
        });
      const changes = await published(() => post(fresh?.code as string, Date.now() - 10_000, normal(fresh)));
      expect(changes).toEqual([expect.objectContaining({ code: fresh?.code, state: 'normal' })]);
      const [cleared] = await alarmsOf(fresh?.code as string, 'offline', admin);
      expect(cleared).toMatchObject({ state: 'cleared' });
      expect(Date.parse(cleared?.clearedAt as string)).toBeGreaterThan(Date.now() - 60_000);

      await post(buffered?.code as string, Date.now() - 3600_000, normal(buffered));
      expect(await stateOf(buffered?.code as string)).toBe('offline');
      expect((await alarmsOf(buffered?.code as string, 'offline', admin))[0]?.state).toBe('open');
    });

    it('runs as a job that publishes the sensors it marks, and stops cleanly', async () => {
      const seen: SensorChange[] = [];
      const first = new Promise<void>((resolve) => {
        const off = h.events.subscribe((changes) => {
          seen.push(...changes);
          off();
          resolve();
        });
      });
      const jobs = startMonitoringJobs({
        db: h.db,
        events: h.events,
        log: h.server.app.log,
        config: { offlineSweepS: 1, offlineGraceS: 0, retention: { rawDays: 0, aggregateDays: 0 } },
        startedAt: Date.now() - 86_400_000,
      });
      await first;
      await jobs.stop();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((c) => c.state === 'offline')).toBe(true);
      const states = await h.db.sql.query<{ state: string }>(
        'SELECT state FROM sensor WHERE id = ANY($1::int[])',
        [seen.map((c) => c.id)],
      );
      expect(new Set(states.map((s) => s.state))).toEqual(new Set(['offline']));
    });
  });
});
