import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@onemap/prisma';
import { createTestDatabase, type TestDatabase, testEngine } from '@onemap/prisma/testing';
import { describe, expect, it } from 'vitest';
import { rollUpReadings } from '../src/services/reading-rollup.js';
import { type ApiRun, freePort, gatewayToken, runApi, signIn, waitHealthy } from '../support/api-process.js';
import { mosquittoInstalled, startMosquitto } from '../support/mosquitto.js';
import {
  httpIngestStream,
  type IngestedReading,
  mqttPublishStream,
  replicaEnv,
  topicRootOf,
} from './api-process.js';

/**
 * kill -9 in the middle of an ingest stream, then a restart: every reading OneMap acknowledged
 * is stored, and none is stored or counted twice (the hourly aggregates move by exactly what the
 * raw table holds, so a redelivered reading counted again would show).
 */

async function waterLevelCodes(port: number, token: string): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/sensors.geojson?limit=5000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { features: Array<{ properties: { code: string; kind: string } }> };
  return body.features
    .filter((f) => f.properties.kind === 'water_level')
    .map((f) => f.properties.code)
    .slice(0, 50);
}

/**
 * What the database holds of `codes` from `fromIso` on: raw readings by key, and the hourly count
 * once every hour up to now is rolled up.
 */
async function storedSince(sql: Database['sql'], codes: readonly string[], fromIso: string) {
  await rollUpReadings(sql, { now: Date.now() + 3600_000, graceMs: 0 });
  const raw = await sql.query<{ code: string; ts: Date }>(
    `SELECT s.code, r.ts FROM sensor_reading r JOIN sensor s ON s.id = r.sensor_id
      WHERE s.code = ANY($1) AND r.ts >= $2`,
    [codes, fromIso],
  );
  const [hourly] = await sql.query<{ n: number }>(
    `SELECT coalesce(sum(h.count), 0)::int AS n FROM sensor_reading_hourly h JOIN sensor s ON s.id = h.sensor_id
      WHERE s.code = ANY($1) AND h.hour >= date_trunc('hour', $2::timestamptz, 'UTC')`,
    [codes, fromIso],
  );
  return {
    keys: new Set(raw.map((r) => `${r.code}@${new Date(r.ts).toISOString()}`)),
    rows: raw.length,
    hourly: hourly?.n ?? 0,
  };
}

const keyOf = (r: IngestedReading) => `${r.sensorCode}@${r.ts}`;

/** Waits until `n` readings are acknowledged, then kills the process at once, mid-request. */
async function killAfter(run: ApiRun, acknowledged: readonly unknown[], n: number): Promise<void> {
  await expect.poll(() => acknowledged.length, { timeout: 120_000, interval: 20 }).toBeGreaterThanOrEqual(n);
  run.child.kill('SIGKILL');
  await run.exit;
}

describe.runIf(testEngine === 'pglite')('kill -9 of the embedded process mid-ingest', () => {
  it('keeps every acknowledged reading, none twice, after a restart on the same data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'onemap-crash-'));
    const port = await freePort();
    const mqttPort = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, MQTT_PORT: String(mqttPort) };
    const first = runApi(env);
    await waitHealthy(port, 180_000);
    const admin = await signIn(port, 'admin');
    const codes = await waterLevelCodes(port, admin);
    const token = await gatewayToken(port);
    // An hour that the seed's history does not reach, so the aggregates hold only these readings.
    const fromMs = Date.now() - 10 * 86_400_000;
    const fromIso = new Date(fromMs).toISOString();
    const stream = httpIngestStream({ port, token, sensorCodes: codes, batch: 200, clients: 2, fromMs });
    // The embedded broker acknowledges a message once its reading is committed.
    const gateway = await mqttPublishStream({
      url: `mqtt://127.0.0.1:${mqttPort}`,
      username: 'gateway',
      password: token,
      topicRoot: 'onemap',
      sensorCodes: codes,
      fromMs: fromMs + 10_000_000,
      window: 20,
    });
    await killAfter(first, stream.acknowledged, 4000);
    await Promise.all([stream.stop(), gateway.stop()]);
    expect(stream.sent()).toBeGreaterThan(stream.acknowledged.length); // some were in flight when it died
    expect(gateway.acknowledged.length).toBeGreaterThan(0);
    const acknowledged = [...stream.acknowledged, ...gateway.acknowledged];

    const second = runApi(env);
    await waitHealthy(port, 180_000);
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    const db = await openDatabase({ kind: 'pglite', dataDir, openTimeoutMs: 120_000 });
    try {
      const stored = await storedSince(db.sql, codes, fromIso);
      const lost = acknowledged.filter((r) => !stored.keys.has(keyOf(r)));
      expect(lost.length, `lost ${lost.slice(0, 3).map(keyOf).join(', ')}`).toBe(0);
      expect(stored.hourly).toBe(stored.rows);
    } finally {
      await db.close();
    }
  }, 480_000);
});

describe.runIf(testEngine === 'postgres' && mosquittoInstalled)(
  'kill -9 of one API replica mid-ingest',
  () => {
    it('loses nothing acknowledged over HTTP or to the broker, and stores nothing twice', async () => {
      const run = randomBytes(4).toString('hex');
      const topicRoot = topicRootOf(run);
      const clientIds = [`onemap-a-${run}`, `onemap-b-${run}`];
      const broker = await startMosquitto();
      const db: TestDatabase = await createTestDatabase();
      const ports = [await freePort(), await freePort()];
      const envOf = (i: number) =>
        replicaEnv({
          port: ports[i] as number,
          databaseUrl: db.url as string,
          brokerUrl: broker.url,
          run,
          clientId: clientIds[i] as string,
        });
      const runs: ApiRun[] = [];
      try {
        for (const i of [0, 1]) {
          runs[i] = runApi(envOf(i));
          await waitHealthy(ports[i] as number, 120_000);
        }
        const [a] = ports as [number, number];
        const admin = await signIn(a, 'admin');
        const codes = await waterLevelCodes(a, admin);
        const token = await gatewayToken(a);
        const fromMs = Date.now() - 10 * 86_400_000;
        const fromIso = new Date(fromMs).toISOString();

        // Over MQTT, one reading a message; "acknowledged" is the broker's PUBACK, after which the
        // reading is the broker's and OneMap's to keep.
        const mqttFrom = fromMs + 10_000_000;
        const gateway = await mqttPublishStream({
          url: broker.url,
          topicRoot,
          sensorCodes: codes,
          fromMs: mqttFrom,
          window: 1,
        });
        const published = gateway.acknowledged;
        // Over HTTP, to replica A only: the one that is killed.
        const stream = httpIngestStream({
          port: a,
          token,
          sensorCodes: codes,
          batch: 200,
          clients: 2,
          fromMs,
        });
        await killAfter(runs[0] as ApiRun, stream.acknowledged, 3000);
        await stream.stop();
        // The broker goes on taking readings while A is down; B ingests its share of the group's.
        // A's share grows past the 1,000 messages Mosquitto queues for an absent session by default.
        await expect.poll(() => published.length, { timeout: 60_000 }).toBeGreaterThan(2500);
        await gateway.stop();

        const mqttFromIso = new Date(mqttFrom).toISOString();
        await new Promise((r) => setTimeout(r, 1000));
        const whileDown = (await storedSince(db.sql, codes, mqttFromIso)).rows;
        expect(whileDown).toBeLessThan(published.length);
        runs[0] = runApi(envOf(0));
        await waitHealthy(a, 120_000);
        // A's share, kept by the broker in A's session while it was down, arrives after the restart.
        await expect
          .poll(async () => (await storedSince(db.sql, codes, mqttFromIso)).rows, { timeout: 60_000 })
          .toBe(published.length);

        const stored = await storedSince(db.sql, codes, fromIso);
        const acknowledged = [...stream.acknowledged, ...published];
        const lost = acknowledged.filter((r) => !stored.keys.has(keyOf(r)));
        expect(lost.length, `lost ${lost.slice(0, 3).map(keyOf).join(', ')}`).toBe(0);
        expect(stored.hourly).toBe(stored.rows);
      } finally {
        for (const r of runs) {
          if (r && r.child.exitCode === null && r.child.signalCode === null) {
            r.child.kill('SIGTERM');
            await r.exit;
          }
        }
        await broker.stop();
        await db.close();
      }
    }, 480_000);
  },
);
