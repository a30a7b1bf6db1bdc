// Benchmark: sustained ingest, the same readings several ways, each on a fresh copy of one seeded
// database — embedded (PGlite, the default) or PostgreSQL (ONEMAP_BENCH_DB=postgres, a database
// created from a seeded template on ONEMAP_BENCH_PG_URL's server, all dropped at the end): a raw
// bulk insert straight into sensor_reading (the baseline: the storage engine's own speed), the raw
// insert plus the raw move of each sensor's latest value (the floor under any live state), HTTP
// batches to a real server process, and MQTT (QoS 1, many publishers) to the same server's embedded
// broker, with arrays of readings per message and with one reading per message; on PostgreSQL also
// the arrays through an external Mosquitto the server subscribes to (the scaled-out layout). Writes
// bench/results/ingest.json at the repo root (or ONEMAP_BENCH_OUT).
// Numbers on a shared 2-core machine are noisy: read the ratios, and compare runs of one machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { type SensorKind, sensorKindDefaults } from '@onemap/domain';
import type { Database, SqlClient } from '@onemap/prisma';
import mqtt from 'mqtt';
import { normalValue } from '../src/simulator/models.js';
import { gatewayToken, repoRoot } from '../support/api-process.js';
import { startMosquitto } from '../support/mosquitto.js';
import { DEMO_PASSWORD, startApi } from './server.js';
import { benchStore } from './store.js';

const env = process.env;
const SENSORS = Number(env.ONEMAP_BENCH_SENSORS ?? 10_000);
const PER_SENSOR = Number(env.ONEMAP_BENCH_READINGS_PER_SENSOR ?? 10);
const HTTP_BATCH = 5000;
const HTTP_CLIENTS = 4;
const MQTT_PUBLISHERS = 50;
const MQTT_WINDOW = 20;
const port = Number(env.ONEMAP_BENCH_PORT ?? 8201);
const mqttPort = Number(env.ONEMAP_BENCH_MQTT_PORT ?? 18201);
const ways = (env.ONEMAP_BENCH_WAYS ?? 'baseline,floor,http,mqtt-arrays,mqtt-single,mqtt-external').split(
  ',',
);

interface Row {
  id: number;
  code: string;
  kind: SensorKind;
  ts: string;
  value: number;
}

const store = await benchStore(env.ONEMAP_BENCH_DB === 'postgres' ? 'postgres' : 'embedded', 'ingest');
const log = (line: string) => process.stderr.write(`ingest bench (${store.kind}): ${line}\n`);

async function readingsSince(db: Database, since: string): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sensor_reading WHERE ts >= $1',
    [since],
  );
  return row?.n ?? 0;
}

async function countReadings(name: string, since: string): Promise<number> {
  const db = await store.open(name);
  try {
    return await readingsSince(db, since);
  } finally {
    await db.close();
  }
}

// The seeded database, made by the real server the way an operator gets one.
const scale = SENSORS / 50_000;
const seeding = await startApi({ ...store.server('template'), port, mqttPort: 0, scale });
log(`template ready (scale ${scale}) in ${seeding.startMs} ms`);
await seeding.stop();

// The readings: every sensor reporting once a minute for PER_SENSOR minutes, ending a minute ago,
// values from the simulator's models (inside each kind's normal range).
const db = await store.open('template');
const sensors = await db.sql.query<{ id: number; code: string; kind: SensorKind }>(
  `SELECT id, code, kind FROM sensor ORDER BY id LIMIT $1`,
  [SENSORS],
);
await db.close();
const end = Date.now() - 60_000;
const first = new Date(end - PER_SENSOR * 60_000 - 60_000).toISOString();
const rows: Row[] = [];
for (let m = 0; m < PER_SENSOR; m++) {
  for (const [i, s] of sensors.entries()) {
    const t = end - (PER_SENSOR - m) * 60_000 + (i % 60) * 1000;
    const value = sensorKindDefaults[s.kind].unit === '' ? 1 : normalValue(s, t);
    rows.push({ id: s.id, code: s.code, kind: s.kind, ts: new Date(t).toISOString(), value });
  }
}
const N = rows.length;
log(`${N} readings of ${sensors.length} sensors`);

const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  database: store.kind,
  node: process.version,
  cpus: cpus().length,
  // Other work on the machine skews everything: the 1-minute load average before and after.
  loadAverage: { start: round2(loadavg()[0] ?? 0) },
  sensors: sensors.length,
  readings: N,
};
function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
const chunks = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, k) => list.slice(k * size, (k + 1) * size));

/** The rows straight into sensor_reading in one statement: the storage engine's own speed. */
function insertRaw(sql: SqlClient, batch: readonly Row[]) {
  return sql.query(
    `INSERT INTO sensor_reading (sensor_id, ts, value)
     SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::float8[])`,
    [batch.map((r) => r.id), batch.map((r) => r.ts), batch.map((r) => r.value)],
  );
}

async function baseline(): Promise<number> {
  await store.copy('baseline');
  const db = await store.open('baseline');
  const t0 = performance.now();
  for (const batch of chunks(rows, 10_000)) await insertRaw(db.sql, batch);
  const ms = performance.now() - t0;
  await db.close();
  const stored = await countReadings('baseline', first);
  if (stored !== N) throw new Error(`baseline stored ${stored} of ${N}`);
  return ms;
}

/**
 * The floor under any ingest that keeps a live state: the raw insert plus the raw move of each
 * sensor's latest value, in the HTTP way's batches, one transaction each, nothing else (no
 * validation, no judging, no locks, no alarms). Where each reading is of another sensor, this is two
 * row writes a reading against the baseline's one, so its ratio bounds what the HTTP way can reach.
 */
async function liveStateFloor(): Promise<number> {
  await store.copy('floor');
  const db = await store.open('floor');
  const t0 = performance.now();
  for (const batch of chunks(rows, HTTP_BATCH)) {
    const newest = new Map<number, Row>();
    for (const r of batch) if ((newest.get(r.id)?.ts ?? '') < r.ts) newest.set(r.id, r);
    const latest = [...newest.values()];
    await db.sql.transaction(async (tx) => {
      await insertRaw(tx, batch);
      await tx.query(
        `UPDATE sensor s SET last_value = u.value, last_reading_at = u.ts
           FROM unnest($1::int[], $2::timestamptz[], $3::float8[]) AS u(id, ts, value) WHERE s.id = u.id`,
        [latest.map((r) => r.id), latest.map((r) => r.ts), latest.map((r) => r.value)],
      );
    });
  }
  const ms = performance.now() - t0;
  await db.close();
  const stored = await countReadings('floor', first);
  if (stored !== N) throw new Error(`the floor stored ${stored} of ${N}`);
  return ms;
}

async function viaHttp(): Promise<number> {
  await store.copy('http');
  const api = await startApi({ ...store.server('http'), port, mqttPort: 0 });
  const token = await gatewayToken(api.url, DEMO_PASSWORD);
  const queue = chunks(rows, HTTP_BATCH);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: HTTP_CLIENTS }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const res = await fetch(`${api.url}/api/v1/ingest/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(batch.map((r) => ({ sensorCode: r.code, ts: r.ts, value: r.value }))),
        });
        const body = (await res.json()) as { accepted: number };
        if (res.status !== 200 || body.accepted !== batch.length)
          throw new Error(`HTTP ingest: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
    }),
  );
  const ms = performance.now() - t0;
  await api.stop();
  const stored = await countReadings('http', first);
  if (stored !== N) throw new Error(`HTTP stored ${stored} of ${N}`);
  return ms;
}

interface Message {
  topic: string;
  payload: string;
}

/** Messages of one sensor each: all its readings in one array, or one reading apiece. */
function messagesOf(arrays: boolean): Message[] {
  if (!arrays) {
    return rows.map((r) => ({
      topic: `onemap/sensors/${r.code}/readings`,
      payload: JSON.stringify({ ts: r.ts, value: r.value }),
    }));
  }
  const bySensor = new Map<string, Row[]>();
  for (const r of rows) {
    const list = bySensor.get(r.code);
    if (list) list.push(r);
    else bySensor.set(r.code, [r]);
  }
  return [...bySensor].map(([code, list]) => ({
    topic: `onemap/sensors/${code}/readings`,
    payload: JSON.stringify(list.map((r) => ({ ts: r.ts, value: r.value }))),
  }));
}

/** MQTT_PUBLISHERS clients of `url`, each keeping MQTT_WINDOW messages in flight at QoS 1. */
async function publishAll(
  url: string,
  messages: readonly Message[],
  auth: { username?: string; password?: string } = {},
) {
  const clients = await Promise.all(
    Array.from({ length: MQTT_PUBLISHERS }, (_, k) =>
      mqtt.connectAsync(url, { clientId: `bench-${k}`, ...auth, reconnectPeriod: 0 }),
    ),
  );
  return {
    /** Resolves when every message is acknowledged (by whoever the broker is). */
    async run(): Promise<void> {
      let next = 0;
      // As a gateway pipelining QoS 1 does.
      await Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: MQTT_WINDOW }, async () => {
            for (let m = messages[next++]; m; m = messages[next++]) {
              await client.publishAsync(m.topic, m.payload, { qos: 1 });
            }
          }),
        ),
      );
    },
    end: () => Promise.all(clients.map((c) => c.endAsync())),
  };
}

async function viaMqtt(name: string, arrays: boolean): Promise<number> {
  await store.copy(name);
  const api = await startApi({ ...store.server(name), port, mqttPort });
  const token = await gatewayToken(api.url, DEMO_PASSWORD);
  const publishers = await publishAll(api.mqttUrl as string, messagesOf(arrays), {
    username: 'bench',
    password: token,
  });
  const t0 = performance.now();
  await publishers.run();
  const ms = performance.now() - t0;
  await publishers.end();
  await api.stop();
  const stored = await countReadings(name, first);
  if (stored !== N) throw new Error(`MQTT (${name}) stored ${stored} of ${N}`);
  return ms;
}

/**
 * Scaled out: the same arrays through an external Mosquitto (configured as docs/deploy.md says) that
 * the API subscribes to, timed until the database holds every reading (the broker, not the API,
 * acknowledges the publishers). PostgreSQL only: that is the layout an external broker belongs to.
 */
async function viaExternalBroker(name: string): Promise<number> {
  await store.copy(name);
  const broker = await startMosquitto();
  const server = store.server(name);
  const api = await startApi({ ...server, port, mqttPort: 0, env: { ...server.env, MQTT_URL: broker.url } });
  const publishers = await publishAll(broker.url, messagesOf(true));
  const db = await store.open(name);
  try {
    const t0 = performance.now();
    await publishers.run();
    while ((await readingsSince(db, first)) < N) await new Promise((r) => setTimeout(r, 50));
    return performance.now() - t0;
  } finally {
    await db.close();
    await publishers.end();
    await api.stop();
    await broker.stop();
  }
}

const measured: Record<string, { ms: number }> = {};
// The baseline runs first and last, and the ratios use the mean, so that load that comes and goes
// during the run weighs on both sides.
const baselines: number[] = [];
if (ways.includes('baseline')) baselines.push(await baseline());
if (ways.includes('floor')) measured.floor = { ms: await liveStateFloor() };
if (ways.includes('http')) measured.http = { ms: await viaHttp() };
if (ways.includes('mqtt-arrays')) measured.mqttArrays = { ms: await viaMqtt('mqtt-arrays', true) };
if (ways.includes('mqtt-single')) measured.mqttSingle = { ms: await viaMqtt('mqtt-single', false) };
if (ways.includes('mqtt-external') && store.kind === 'postgres')
  measured.mqttExternal = { ms: await viaExternalBroker('mqtt-external') };
if (ways.includes('baseline')) {
  baselines.push(await baseline());
  measured.baseline = { ms: baselines.reduce((a, b) => a + b, 0) / baselines.length };
  results.baselineRuns = baselines.map((ms) => ({
    ms: Math.round(ms),
    readingsPerS: Math.round(N / (ms / 1000)),
  }));
}
(results.loadAverage as Record<string, number>).end = round2(loadavg()[0] ?? 0);

const base = measured.baseline ? N / (measured.baseline.ms / 1000) : null;
for (const [way, { ms }] of Object.entries(measured)) {
  const perS = N / (ms / 1000);
  results[way] = {
    ms: Math.round(ms),
    readingsPerS: Math.round(perS),
    ...(base && way !== 'baseline' ? { ofBaseline: Math.round((perS / base) * 100) / 100 } : {}),
  };
  log(
    `${way}: ${Math.round(perS)} readings/s${base && way !== 'baseline' ? ` (${Math.round((perS / base) * 100)} % of the baseline)` : ''}`,
  );
}
results.setup = {
  floor: { batch: HTTP_BATCH, connections: 1 },
  http: { batch: HTTP_BATCH, clients: HTTP_CLIENTS },
  mqtt: { publishers: MQTT_PUBLISHERS, inFlightPerPublisher: MQTT_WINDOW, qos: 1 },
  mqttArrays: { readingsPerMessage: PER_SENSOR },
  mqttSingle: { readingsPerMessage: 1 },
  mqttExternal: { readingsPerMessage: PER_SENSOR, broker: 'mosquitto', connections: 'MQTT_CONNECTIONS (32)' },
};
await store.cleanup();
const out = env.ONEMAP_BENCH_OUT ?? join(repoRoot, 'bench/results/ingest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
