import { createBlankDatabase, type TestDatabase, testEngine } from '@onemap/prisma/testing';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeBus } from '../src/events/change-bus.js';
import { type ChangeRelay, relayChanges } from '../src/events/relay.js';

/** Two replicas' buses relayed through one real PostgreSQL (LISTEN/NOTIFY), in one test process. */
describe.runIf(testEngine === 'postgres')('the change relay between replicas', () => {
  let db: TestDatabase;
  const replicas: Array<{
    sensors: ChangeBus<{ id: number; note?: string }>;
    operations: ChangeBus<{ id: number }>;
    relay: ChangeRelay;
  }> = [];

  beforeAll(async () => {
    db = await createBlankDatabase();
    for (let i = 0; i < 2; i++) {
      const sensors = new ChangeBus<{ id: number; note?: string }>();
      const operations = new ChangeBus<{ id: number }>();
      const relay = await relayChanges({
        notifications: db.notifications as NonNullable<TestDatabase['notifications']>,
        buses: { sensors, operations },
        log: Fastify({ logger: { level: 'silent' } }).log,
      });
      replicas.push({ sensors, operations, relay });
    }
  });
  afterAll(async () => {
    for (const r of replicas) await r.relay.close();
    await db?.close();
  });

  it('delivers a burst larger than one notification to the other replica, in order, once', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const atA: number[] = [];
    const atB: number[] = [];
    const offA = a.sensors.subscribe((changes) => atA.push(...changes.map((c) => c.id)));
    const offB = b.sensors.subscribe((changes) => atB.push(...changes.map((c) => c.id)));
    const burst = Array.from({ length: 2000 }, (_, id) => ({ id, note: '水位超警戒'.repeat(3) }));
    a.sensors.publish(burst.slice(0, 1000));
    a.sensors.publish(burst.slice(1000));
    await expect.poll(() => atB.length, { timeout: 5000 }).toBe(2000);
    expect(atB).toEqual(burst.map((c) => c.id));
    // A's own watchers had them at once, and not a second time from the channel.
    await new Promise((r) => setTimeout(r, 200));
    expect(atA).toEqual(burst.map((c) => c.id));
    expect(a.relay.status()).toMatchObject({ listening: true, sent: expect.any(Number), dropped: 0 });
    expect(a.relay.status().sent).toBeGreaterThan(1); // it took several notifications
    expect(b.relay.status().received).toBe(2000);
    offA();
    offB();
  });

  it('keeps the buses apart, and counts a change too large to relay as dropped', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const sensorsAtB: number[] = [];
    const operationsAtB: number[] = [];
    const offS = b.sensors.subscribe((changes) => sensorsAtB.push(...changes.map((c) => c.id)));
    const offO = b.operations.subscribe((changes) => operationsAtB.push(...changes.map((c) => c.id)));
    a.operations.publish([{ id: 7 }]);
    a.sensors.publish([{ id: 8, note: 'x'.repeat(9000) }, { id: 9 }]);
    await expect.poll(() => sensorsAtB, { timeout: 5000 }).toEqual([9]);
    expect(operationsAtB).toEqual([7]);
    expect(a.relay.status().dropped).toBe(1);
    offS();
    offO();
  });

  it('listens again after its connection is cut, and relays what comes after', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const cut = await db.sql.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    expect(cut[0]?.n).toBe(2);
    await expect.poll(() => b.relay.status().listening, { timeout: 5000, interval: 10 }).toBe(false);
    await expect.poll(() => b.relay.status().listening, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => a.relay.status().listening, { timeout: 10_000 }).toBe(true);
    const atB: number[] = [];
    const off = b.sensors.subscribe((changes) => atB.push(...changes.map((c) => c.id)));
    a.sensors.publish([{ id: 42 }]);
    await expect.poll(() => atB, { timeout: 5000 }).toEqual([42]);
    off();
  });

  it('ends the live streams of a replica whose channel was cut, so their clients reload what they missed', async () => {
    const [, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const watching = b.operations.untilGap(undefined);
    const unrelated = new AbortController();
    const other = b.sensors.untilGap(unrelated.signal);
    expect(watching.aborted).toBe(false);
    await db.sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    await expect.poll(() => watching.aborted && other.aborted, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => b.relay.status().listening, { timeout: 10_000 }).toBe(true);
    // A stream opened after the gap is not ended by it.
    expect(b.sensors.untilGap(undefined).aborted).toBe(false);
  });
});
