import type { AlarmSummary } from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, trpcMutation, trpcQuery } from './harness.js';

describe(`threshold alarms on ${testEngine}`, () => {
  let h: Harness;
  let admin: string;
  let sensors: Array<{ code: string; warn: number; alarm: number }>;
  let t = Date.now() - 3600_000;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.tokenFor('admin');
    sensors = await h.db.sql.query(
      `SELECT code, warn_threshold AS warn, alarm_threshold AS alarm FROM sensor
        WHERE region_code LIKE '33%' AND kind = 'water_level' AND state = 'normal' ORDER BY id LIMIT 2`,
    );
    // These tests jump between levels within a minute: rate of change is tested in rules.test.ts.
    for (const { code } of sensors) {
      const res = await trpcMutation(h, 'monitoring.setSensorRules', { code, ratePerMin: null }, admin);
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => h?.close());

  /** Sends values one reading a minute apart, in order. */
  const send = async (code: string, values: number[]) => {
    for (const value of values) {
      t += 60_000;
      const res = await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/readings',
        headers: { authorization: `Bearer ${admin}` },
        payload: [{ sensorCode: code, ts: new Date(t).toISOString(), value }],
      });
      expect(res.json().accepted).toBe(1);
    }
  };
  const alarmsOf = async (code: string, state = 'all', token = admin) => {
    const res = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/alarms?state=${state}`,
      headers: { authorization: `Bearer ${token}` },
    });
    return (res.json() as AlarmSummary[]).filter((a) => a.sensorCode === code);
  };

  it('raises one alarm, holds it while the value hovers, de-escalates and clears with hysteresis', async () => {
    const s = sensors[0] as { code: string; warn: number; alarm: number };
    // What the live stream tells of each reading: whether an alarm of the sensor moved with it.
    const told: boolean[] = [];
    const off = h.events.subscribe((changes) => {
      for (const c of changes) if (c.code === s.code) told.push(c.alarmsMoved === true);
    });
    await send(s.code, [2, s.alarm + 0.5]);
    const [raised] = await alarmsOf(s.code, 'open');
    expect(raised).toMatchObject({
      level: 'alarm',
      state: 'open',
      raisedValue: s.alarm + 0.5,
      rule: 'threshold',
    });

    await send(s.code, [s.alarm - 0.01, s.alarm + 0.01, s.alarm - 0.005]);
    const held = await alarmsOf(s.code);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ id: raised?.id, level: 'alarm', peakValue: s.alarm + 0.5 });

    await send(s.code, [s.warn + 0.1]);
    expect((await alarmsOf(s.code))[0]).toMatchObject({ id: raised?.id, level: 'warning', state: 'open' });

    await send(s.code, [1.5]);
    expect(await alarmsOf(s.code, 'open')).toEqual([]);
    const [cleared] = await alarmsOf(s.code, 'cleared');
    expect(cleared).toMatchObject({ id: raised?.id, state: 'cleared', lastValue: 1.5 });
    const [sensor] = await h.db.sql.query<{ state: string }>('SELECT state FROM sensor WHERE code = $1', [
      s.code,
    ]);
    expect(sensor?.state).toBe('normal');
    off();
    // Raised; held while hovering; eased to warning; cleared.
    expect(told).toEqual([false, true, false, false, false, true, true]);
  });

  it('is acknowledged by people on duty in the region, with a comment, and stays visible until it clears', async () => {
    const s = sensors[1] as { code: string; warn: number; alarm: number };
    await send(s.code, [s.alarm + 1]);
    const [alarm] = await alarmsOf(s.code, 'open');
    const zj = await h.tokenFor('zj_duty');
    const sc = await h.tokenFor('sc_duty');
    expect(await alarmsOf(s.code, 'all', sc)).toEqual([]);

    const outside = await trpcMutation(h, 'monitoring.acknowledgeAlarm', { id: alarm?.id, comment: 'x' }, sc);
    expect(outside.status).toBe(404);
    const analyst = await trpcMutation(
      h,
      'monitoring.acknowledgeAlarm',
      { id: alarm?.id },
      await h.tokenFor('analyst'),
    );
    expect(analyst.status).toBe(403);

    const ack = await trpcMutation(
      h,
      'monitoring.acknowledgeAlarm',
      { id: alarm?.id, comment: '已通知水文站核实' },
      zj,
    );
    expect(ack.status).toBe(200);
    expect(ack.body.result?.data).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: 'zj_duty',
      comment: '已通知水文站核实',
    });
    expect((await trpcMutation(h, 'monitoring.acknowledgeAlarm', { id: alarm?.id }, zj)).status).toBe(404);

    const open = await trpcQuery(h, 'monitoring.alarms', { state: 'open' }, zj);
    expect(((open.body.result?.data ?? []) as AlarmSummary[]).some((a) => a.id === alarm?.id)).toBe(true);
    const unacked = await trpcQuery(h, 'monitoring.alarms', { state: 'unacknowledged' }, zj);
    expect(((unacked.body.result?.data ?? []) as AlarmSummary[]).some((a) => a.id === alarm?.id)).toBe(false);

    const [audit] = await h.db.sql.query<{ actor: string; outcome: string }>(
      "SELECT actor, outcome FROM audit_log WHERE action = 'monitoring.acknowledgeAlarm' AND outcome = 'success' ORDER BY id DESC LIMIT 1",
    );
    expect(audit).toEqual({ actor: 'zj_duty', outcome: 'success' });
  });

  it('refuses an unknown state filter naming the field', async () => {
    const res = await h.server.app.inject({
      method: 'GET',
      url: '/api/v1/alarms?state=burning',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual(['state']);
  });
});
