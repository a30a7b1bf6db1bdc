import type { SensorChange } from '@onemap/domain';
import { testEngine } from '@onemap/prisma/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionalChanges, SensorChangeBus } from '../src/events/sensor-changes.js';
import { createToken } from '../src/services/api-tokens.js';
import { callerFor, type Harness, startHarness } from './harness.js';

describe(`live sensor changes on ${testEngine}`, () => {
  let h: Harness;
  let gateway: string;
  beforeAll(async () => {
    h = await startHarness();
    gateway = (
      await createToken(h.db.sql, { name: 'national-gw', role: 'sensor_gateway', regionCode: '000000' }, 't')
    ).token;
  });
  afterAll(() => h?.close());

  it('streams ingested changes to subscribers of the region only, coalesced per sensor', async () => {
    const [zj, sc] = await h.db.sql.query<{ id: number; code: string; alarm: number }>(
      `(SELECT id, code, alarm_threshold AS alarm FROM sensor WHERE region_code LIKE '33%' AND kind = 'water_level' ORDER BY id LIMIT 1)
       UNION ALL
       (SELECT id, code, alarm_threshold AS alarm FROM sensor WHERE region_code LIKE '51%' AND kind = 'water_level' ORDER BY id LIMIT 1)`,
    );
    const abort = new AbortController();
    const caller = callerFor(
      h,
      {
        kind: 'user',
        userId: 0,
        username: 'zj_duty',
        displayName: '',
        role: 'duty_officer',
        regionCode: '330000',
      },
      abort.signal,
    );
    const stream = (await caller.monitoring.sensorChanges()) as AsyncIterable<SensorChange[]>;
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();
    const at = (s: number) => new Date(Date.now() - s * 1000).toISOString();
    const res = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/readings',
      headers: { authorization: `Bearer ${gateway}` },
      payload: [
        { sensorCode: sc?.code, ts: at(3), value: 9 },
        { sensorCode: zj?.code, ts: at(3), value: 2 },
        { sensorCode: zj?.code, ts: at(1), value: (zj?.alarm ?? 5.5) + 1 },
      ],
    });
    expect(res.json().accepted).toBe(3);
    const first = await next;
    expect(first.done).toBe(false);
    expect(first.value).toEqual([
      {
        id: zj?.id,
        code: zj?.code,
        state: 'alarm',
        lastValue: (zj?.alarm ?? 5.5) + 1,
        lastReadingAt: expect.any(String),
        alarmsMoved: true,
      },
    ]);
    abort.abort();
    await iterator.return?.();
    expect(h.events.listeners).toBe(0);
  });

  it('keeps telling that an alarm moved when a newer reading of the sensor replaces the change', async () => {
    const bus = new SensorChangeBus();
    const abort = new AbortController();
    const stream = regionalChanges(bus, '33', abort.signal, 20);
    const next = stream.next();
    const base = { id: 7, code: 'G7', regionCode: '330100', lastReadingAt: '2026-11-25T00:00:00.000Z' };
    bus.publish([{ ...base, state: 'alarm', lastValue: 9, alarmsMoved: true }]);
    bus.publish([{ ...base, state: 'alarm', lastValue: 9.2 }]);
    expect((await next).value).toEqual([
      {
        id: 7,
        code: 'G7',
        state: 'alarm',
        lastValue: 9.2,
        lastReadingAt: base.lastReadingAt,
        alarmsMoved: true,
      },
    ]);
    abort.abort();
    await stream.return(undefined);
  });
});
