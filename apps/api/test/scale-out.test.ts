import { randomBytes } from 'node:crypto';
import type { Health, IngestStats } from '@onemap/domain';
import { createTestDatabase, type TestDatabase, testEngine } from '@onemap/prisma/testing';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpReadings } from '../src/services/reading-rollup.js';
import { type ApiRun, freePort, runApi, runCli, signIn, waitHealthy } from '../support/api-process.js';
import { mosquittoInstalled, type OwnBroker, startMosquitto } from '../support/mosquitto.js';
import { openStream, replicaEnv, topicRootOf } from './api-process.js';

/**
 * Scaled out on the CI machine's own servers: two API replicas as separate processes on one
 * PostgreSQL + PostGIS database, both subscribed to a Mosquitto the test starts, as one shared
 * subscription group. A change made through one reaches a browser watching through the other,
 * and what gateways publish is ingested once.
 */
describe.runIf(testEngine === 'postgres' && mosquittoInstalled)('two API replicas', () => {
  const run = randomBytes(4).toString('hex');
  const topicRoot = topicRootOf(run);
  const clientIds = [`onemap-a-${run}`, `onemap-b-${run}`];
  let db: TestDatabase;
  let broker: OwnBroker;
  const replicas: Array<{ run: ApiRun; port: number; token: string }> = [];
  let gateway: mqtt.MqttClient;

  const get = async <T>(i: number, path: string): Promise<T> => {
    const r = replicas[i] as (typeof replicas)[number];
    const res = await fetch(`http://127.0.0.1:${r.port}${path}`, {
      headers: { authorization: `Bearer ${r.token}` },
    });
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    broker = await startMosquitto();
    db = await createTestDatabase();
    // One after the other: the first seeds the empty database, the second finds it seeded.
    for (const clientId of clientIds) {
      const port = await freePort();
      const api = runApi(
        replicaEnv({ port, databaseUrl: db.url as string, brokerUrl: broker.url, run, clientId }),
      );
      await waitHealthy(port, 120_000);
      replicas.push({ run: api, port, token: await signIn(port, 'admin') });
    }
    gateway = await mqtt.connectAsync(broker.url, { clientId: `gateway-${run}`, reconnectPeriod: 0 });
  }, 240_000);

  afterAll(async () => {
    await gateway?.endAsync();
    for (const r of replicas) {
      r.run.child.kill('SIGTERM');
      await r.run.exit;
    }
    await broker?.stop();
    await db?.close();
  });

  it('both replicas report the shared database, the external broker and the change relay', async () => {
    for (const r of replicas) {
      const health = (await (await fetch(`http://127.0.0.1:${r.port}/healthz`)).json()) as Health;
      expect(health).toMatchObject({ status: 'ok', db: 'postgres', readReplicas: 0 });
      expect(health.mqtt).toMatchObject({ mode: 'external', connected: true });
      expect(health.relay?.listening).toBe(true);
    }
  });

  it('an incident taken in through replica A reaches a watcher of replica B within a second', async () => {
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    const watching = await openStream(b.port, b.token, 'incidents.changes');
    try {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${a.port}/api/v1/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` },
        body: JSON.stringify({ type: 'fire', title: `跨副本 ${run}`, lon: 120.16, lat: 30.27 }),
      });
      const created = (await res.json()) as { incident: { code: string } };
      expect(res.status, JSON.stringify(created)).toBe(201);
      const arrived = await watching.seen(`"code":"${created.incident.code}"`, 5000);
      expect(arrived - t0).toBeLessThan(1000);
    } finally {
      watching.close();
    }
  });

  it('a reading published to the broker is stored once and reaches the watchers of both replicas', async () => {
    const sensors = await db.sql.query<{ code: string }>(
      "SELECT code FROM sensor WHERE kind = 'water_level' ORDER BY code LIMIT 40",
    );
    const watchers = await Promise.all(
      replicas.map((r) => openStream(r.port, r.token, 'monitoring.sensorChanges')),
    );
    const before = await Promise.all(
      replicas.map((_, i) => get<{ result: { data: IngestStats } }>(i, '/trpc/system.ingestStats')),
    );
    const base = Date.now() - 60_000;
    // The hourly aggregates move by what was stored: a reading counted twice would show there. With
    // the hours rolled up past now, each replica adds what it stores to them as it stores it.
    await rollUpReadings(db.sql, { now: Date.now() + 3600_000, graceMs: 0 });
    const hourlyCount = async () =>
      (
        await db.sql.query<{ n: number }>(
          `SELECT coalesce(sum(h.count), 0)::int AS n FROM sensor_reading_hourly h
             JOIN sensor s ON s.id = h.sensor_id WHERE s.code = ANY($1)`,
          [sensors.map((s) => s.code)],
        )
      )[0]?.n as number;
    const hourlyBefore = await hourlyCount();
    try {
      // 40 sensors × 5 messages: 200 readings, each its own message.
      const messages = sensors.flatMap(({ code }, s) =>
        [0, 1, 2, 3, 4].map((k) => ({
          topic: `${topicRoot}/sensors/${code}/readings`,
          body: JSON.stringify({ ts: new Date(base + k * 1000 + s).toISOString(), value: 1 + k / 10 }),
        })),
      );
      await Promise.all(messages.map((m) => gateway.publishAsync(m.topic, m.body, { qos: 1 })));
      const count = async () =>
        (
          await db.sql.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id
              WHERE s.code = ANY($1) AND r.ts >= $2`,
            [sensors.map((s) => s.code), new Date(base).toISOString()],
          )
        )[0]?.n;
      await expect.poll(count, { timeout: 20_000 }).toBe(200);
      const last = sensors[sensors.length - 1]?.code as string;
      for (const w of watchers) await w.seen(`"code":"${last}"`, 5000);

      // Each message was ingested by one replica of the group: together they took 200, not 400.
      const after = await Promise.all(
        replicas.map((_, i) => get<{ result: { data: IngestStats } }>(i, '/trpc/system.ingestStats')),
      );
      const took = after.map(
        (s, i) => s.result.data.mqtt.accepted - (before[i]?.result.data.mqtt.accepted ?? 0),
      );
      expect((took[0] as number) + (took[1] as number)).toBe(200);
      expect(Math.min(...took)).toBeGreaterThan(0);
      expect(await hourlyCount()).toBe(hourlyBefore + 200);
    } finally {
      for (const w of watchers) w.close();
    }
  });

  // Last: it stops replica A for good.
  it('a replica retired for good hands over its queued share: `onemap mqtt retire` stores it once and ends its sessions', async () => {
    const a = replicas[0] as (typeof replicas)[number];
    a.run.child.kill('SIGTERM');
    await a.run.exit;
    const codes = (
      await db.sql.query<{ code: string }>(
        "SELECT code FROM sensor WHERE kind = 'water_level' ORDER BY code DESC LIMIT 20",
      )
    ).map((s) => s.code);
    const base = Date.now() - 30_000;
    const publish = (from: number, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          gateway.publishAsync(
            `${topicRoot}/sensors/${codes[(from + i) % codes.length]}/readings`,
            JSON.stringify({ ts: new Date(base + from + i).toISOString(), value: 1.2 }),
            { qos: 1 },
          ),
        ),
      );
    const count = async () =>
      (
        await db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id
            WHERE s.code = ANY($1) AND r.ts >= $2`,
          [codes, new Date(base).toISOString()],
        )
      )[0]?.n as number;
    /** The count once it has not moved for a second. */
    const settled = async () => {
      for (let last = -1; ; ) {
        const now = await count();
        if (now === last) return now;
        last = now;
        await new Promise((r) => setTimeout(r, 1000));
      }
    };

    // The broker acknowledged all 300 to the gateway; B stores its share, A's members' share waits.
    await publish(0, 300);
    const storedByB = await settled();
    expect(storedByB).toBeGreaterThan(0);
    expect(storedByB).toBeLessThan(300);

    const { code, out, err } = await runCli(['mqtt', 'retire'], {
      ONEMAP_LOG_LEVEL: 'warn',
      ...replicaEnv({
        port: a.port,
        databaseUrl: db.url as string,
        brokerUrl: broker.url,
        run,
        clientId: clientIds[0] as string,
      }),
    });
    expect(code, err).toBe(0);
    expect(out).toContain(`retired ${clientIds[0]}: ${300 - storedByB} queued reading(s) stored`);
    expect(out).toContain('32 session(s) ended');
    expect(await count()).toBe(300);

    // Nothing is queued for A any more: what the gateway publishes now, B stores, all of it.
    await publish(300, 100);
    await expect.poll(count, { timeout: 15_000 }).toBe(400);
  }, 120_000);
});
