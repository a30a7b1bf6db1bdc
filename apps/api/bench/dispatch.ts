// Benchmark: dispatch at national scale on the embedded database.
// 1. Recommendation: GET /api/v1/incidents/{id}/recommendations for incidents all over China,
//    against 50,000 rescue teams, as a national user (every team is a candidate). Baseline: the
//    same service called in-process on the same database (what the HTTP and auth layers add),
//    and the naive way, ranking every team in memory after loading them all.
// 2. Live units: 5,000 units publishing one position each every 5 s over MQTT (1,000 a second),
//    measuring positions stored per second, publish → acknowledgement (committed), and publish →
//    the live stream (`incidents.changes` over SSE) that operators' screens read.
// Writes bench/results/dispatch.json at the repo root. Read the ratios on a shared, noisy machine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CandidateTeam, incidentTypes, recommendTeams, teamTypes } from '@onemap/domain';
import { createRng, estimateTravel } from '@onemap/geo';
import { openDatabase } from '@onemap/prisma';
import mqtt from 'mqtt';
import { recommend } from '../src/services/dispatch.js';
import { NATIONAL_SCOPE } from '../src/services/scope.js';
import { gatewayToken, repoRoot } from '../support/api-process.js';
import { DEMO_PASSWORD, startApi } from './server.js';

const env = process.env;
const TEAMS = Number(env.ONEMAP_BENCH_TEAMS ?? 50_000);
const INCIDENTS = Number(env.ONEMAP_BENCH_INCIDENTS ?? 100);
const ROUNDS = Number(env.ONEMAP_BENCH_ROUNDS ?? 3);
const UNITS = Number(env.ONEMAP_BENCH_UNITS ?? 5000);
const UNIT_PERIOD_S = 5;
const UNIT_SECONDS = Number(env.ONEMAP_BENCH_UNIT_SECONDS ?? 30);
const PUBLISHERS = 20;
const port = Number(env.ONEMAP_BENCH_PORT ?? 8208);
const mqttPort = Number(env.ONEMAP_BENCH_MQTT_PORT ?? 18208);

const log = (line: string) => process.stderr.write(`dispatch bench: ${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'onemap-bench-dispatch-'));
const dataDir = join(work, 'db');
const round1 = (n: number) => Math.round(n * 10) / 10;

function quantiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => round1(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: round1(s.at(-1) ?? Number.NaN) };
}

// A small demo database, then the teams: TEAMS at random places inside China's land (points of
// the seeded sensors, which lie on land, jittered), with the seed's mix of types.
const seeding = await startApi({ dataDir, port, mqttPort: 0, scale: 0.1 });
log(`seeded in ${seeding.startMs} ms`);
await seeding.stop();
{
  const db = await openDatabase({ kind: 'pglite', dataDir });
  const rng = createRng(20261125);
  const anchors = await db.sql.query<{ lon: number; lat: number; region_code: string }>(
    'SELECT ST_X(location) AS lon, ST_Y(location) AS lat, region_code FROM sensor ORDER BY id LIMIT 20000',
  );
  const types = teamTypes.codes;
  const weights = [0.35, 0.08, 0.06, 0.08, 0.1, 0.05, 0.13, 0.02, 0.13];
  const pickType = () => {
    let r = rng();
    for (let i = 0; i < types.length; i++) {
      r -= weights[i] as number;
      if (r <= 0) return types[i] as string;
    }
    return 'fire_rescue';
  };
  const rows = Array.from({ length: TEAMS }, (_, i) => {
    const a = anchors[Math.floor(rng() * anchors.length)] as (typeof anchors)[number];
    return {
      code: `BT${String(i).padStart(6, '0')}`,
      type: pickType(),
      status: rng() < 0.86 ? 'available' : 'on_scene',
      lon: a.lon + (rng() - 0.5) * 0.2,
      lat: a.lat + (rng() - 0.5) * 0.2,
      region: a.region_code,
    };
  });
  await db.sql.query(
    'DELETE FROM rescue_team WHERE NOT EXISTS (SELECT 1 FROM assignment WHERE team_id = rescue_team.id)',
  );
  await db.sql.query(
    `INSERT INTO rescue_team (code, name, type, status, members, capabilities, region_code, base_location, location)
     SELECT code, code, type, status, 30, '{}', region, ST_SetSRID(ST_MakePoint(lon, lat), 4326), ST_SetSRID(ST_MakePoint(lon, lat), 4326)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[])
         AS u(code, type, status, lon, lat, region)`,
    [
      rows.map((r) => r.code),
      rows.map((r) => r.type),
      rows.map((r) => r.status),
      rows.map((r) => r.lon),
      rows.map((r) => r.lat),
      rows.map((r) => r.region),
    ],
  );
  await db.sql.query('ANALYZE rescue_team');
  await db.close();
  rmSync(join(dataDir, 'onemap.lock'), { force: true });
  log(`${TEAMS} teams inserted`);
}

const api = await startApi({ dataDir, port, mqttPort, scale: 0.1 });
const admin = await fetch(`${api.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
})
  .then((r) => r.json() as Promise<{ token: string }>)
  .then((b) => b.token);
const auth = { authorization: `Bearer ${admin}` };

// Incidents of every type, at places spread over the country.
const rng = createRng(7);
const sites = await fetch(`${api.url}/api/v1/sensors.geojson?limit=${INCIDENTS * 20}`, { headers: auth })
  .then((r) => r.json() as Promise<{ features: Array<{ geometry: { coordinates: [number, number] } }> }>)
  .then((fc) => fc.features.map((f) => f.geometry.coordinates));
const incidents: Array<{ id: number; type: string }> = [];
for (let i = 0; i < INCIDENTS; i++) {
  const [lon, lat] = sites[Math.floor(rng() * sites.length)] as [number, number];
  const type = incidentTypes.codes[i % incidentTypes.codes.length] as string;
  const res = await fetch(`${api.url}/api/v1/incidents`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ type, title: `bench ${i}`, lon, lat }),
  });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
  incidents.push({ id: ((await res.json()) as { incident: { id: number } }).incident.id, type });
}

const httpMs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const i of incidents) {
    const t = performance.now();
    const res = await fetch(`${api.url}/api/v1/incidents/${i.id}/recommendations?limit=10`, {
      headers: auth,
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`recommendation failed: ${res.status}`);
    if (round > 0) httpMs.push(performance.now() - t); // the first round warms caches
  }
}
log(`recommendation over HTTP: ${JSON.stringify(quantiles(httpMs))}`);

// Live units: the first UNITS teams move, each reporting every UNIT_PERIOD_S.
const gateway = await gatewayToken(api.url, DEMO_PASSWORD);
const units = Array.from({ length: UNITS }, (_, i) => ({
  code: `BT${String(i).padStart(6, '0')}`,
  lon: 100 + rng() * 20,
  lat: 25 + rng() * 15,
}));
const streamed = new Map<string, number>();
const stream = new AbortController();
void (async () => {
  const res = await fetch(`${api.url}/trpc/incidents.changes`, {
    headers: { ...auth, accept: 'text/event-stream' },
    signal: stream.signal,
  });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const at = performance.now();
    buffer += decoder.decode(chunk, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data:')) continue;
      const body = JSON.parse(line.slice(5)) as unknown;
      const changes = (Array.isArray(body) ? body : ((body as { data?: unknown[] }).data ?? [])) as Array<{
        kind: string;
        teamCode: string;
        ts: string;
      }>;
      for (const c of changes) if (c.kind === 'unit') streamed.set(`${c.teamCode}@${c.ts}`, at);
    }
  }
})().catch(() => undefined);

const clients = await Promise.all(
  Array.from({ length: PUBLISHERS }, (_, k) =>
    mqtt.connectAsync(api.mqttUrl as string, {
      clientId: `bench-units-${k}`,
      username: 'bench',
      password: gateway,
      reconnectPeriod: 0,
    }),
  ),
);
const rate = UNITS / UNIT_PERIOD_S;
const sentAt = new Map<string, number>();
const ackMs: number[] = [];
let sent = 0;
let acked = 0;
let failed = 0;
const start = performance.now();
const pending: Promise<void>[] = [];
while (performance.now() - start < UNIT_SECONDS * 1000) {
  const due = Math.floor(((performance.now() - start) / 1000) * rate);
  while (sent < due) {
    const u = units[sent % UNITS] as (typeof units)[number];
    u.lon += (rng() - 0.5) * 0.002;
    u.lat += (rng() - 0.5) * 0.002;
    const ts = new Date(Date.now() + sent).toISOString(); // distinct per position
    const t = performance.now();
    sentAt.set(`${u.code}@${ts}`, t);
    const client = clients[sent % PUBLISHERS] as mqtt.MqttClient;
    pending.push(
      client
        .publishAsync(
          `onemap/units/${u.code}/position`,
          JSON.stringify({ ts, lon: u.lon, lat: u.lat, speed: 40 }),
          {
            qos: 1,
          },
        )
        .then(
          () => {
            acked++;
            ackMs.push(performance.now() - t);
          },
          () => {
            failed++;
          },
        ),
    );
    sent++;
  }
  await new Promise((r) => setTimeout(r, 20));
}
await Promise.all(pending);
const elapsed = (performance.now() - start) / 1000;
await new Promise((r) => setTimeout(r, 1000));
stream.abort();
await Promise.all(clients.map((c) => c.endAsync()));
const streamMs: number[] = [];
for (const [key, t] of sentAt) {
  const at = streamed.get(key);
  if (at !== undefined) streamMs.push(at - t);
}
log(`units: sent ${sent}, acknowledged ${acked}, streamed ${streamMs.length}`);
await api.stop();

// Baselines on the same database, in-process: the service without HTTP, and the naive ranking.
const db = await openDatabase({ kind: 'pglite', dataDir });
const serviceMs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const i of incidents) {
    const t = performance.now();
    await recommend(db.sql, NATIONAL_SCOPE, { id: i.id, limit: 10 });
    if (round > 0) serviceMs.push(performance.now() - t);
  }
}
const naiveMs: number[] = [];
const [stored] = await db.sql.query<{ n: number }>(
  'SELECT count(*)::int AS n FROM unit_position WHERE ts >= $1',
  [new Date(Date.now() - 3_600_000)],
);
for (const i of incidents.slice(0, 10)) {
  const t = performance.now();
  const [at] = await db.sql.query<{ lon: number; lat: number }>(
    'SELECT ST_X(location) AS lon, ST_Y(location) AS lat FROM incident WHERE id = $1',
    [i.id],
  );
  const all = await db.sql.query<CandidateTeam>(
    "SELECT code, type, status, capabilities, ST_X(location) AS lon, ST_Y(location) AS lat FROM rescue_team WHERE status = 'available'",
  );
  recommendTeams(
    { type: i.type as never, lon: at?.lon ?? 0, lat: at?.lat ?? 0, limit: 10 },
    all,
    estimateTravel,
  );
  naiveMs.push(performance.now() - t);
}
await db.close();
rmSync(work, { recursive: true, force: true });

const http = quantiles(httpMs);
const service = quantiles(serviceMs);
const naive = quantiles(naiveMs);
const results = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', loadAverageEnd: loadavg()[0] },
  recommendation: {
    teams: TEAMS,
    incidents: INCIDENTS,
    httpMs: http,
    serviceInProcessMs: service,
    naiveLoadAllAndRankMs: naive,
    httpOverServiceP95: round1(http.p95 / service.p95),
    naiveOverHttpP50: round1(naive.p50 / http.p50),
    target: 'p95 < 100 ms',
    met: http.p95 < 100,
  },
  liveUnits: {
    units: UNITS,
    periodS: UNIT_PERIOD_S,
    offeredPerS: rate,
    seconds: round1(elapsed),
    sent,
    acknowledged: acked,
    failed,
    storedPositions: stored?.n ?? 0,
    storedPerS: round1((stored?.n ?? 0) / elapsed),
    publishToAckMs: quantiles(ackMs),
    publishToStreamMs: quantiles(streamMs),
  },
};
mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
writeFileSync(join(repoRoot, 'bench/results/dispatch.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
