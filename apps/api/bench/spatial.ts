// Benchmark: spatial queries through the API against the same SQL run directly on the same
// database, at a seed scale (ONEMAP_BENCH_SCALE: 1 ≈ 50,000 sensors, 10 ≈ 500,000):
// - viewport sensors: the point tiles the map loads (`/api/v1/layers/sensors/tiles/5/x/y.bin`) and
//   the open interface's `sensors.geojson?bbox=` for a city-sized view;
// - nearest teams: `/api/v1/incidents/{id}/recommendations` (teams, depots, shelters, hospitals);
// - point in region: `/api/v1/regions/at?lon=&lat=` (the regions holding a place);
// - features in a warning polygon: `warnings.estimatePopulation` (the counties a drawn polygon
//   covers, and their people).
// The direct side is the statements the service sends, noted once (recording-sql.ts) and timed on
// a database client in this process; embedded, that is the API's own database opened here while
// the API is stopped, timed before and after the API so load that comes and goes weighs on both.
// Writes bench/results/spatial.json at the repo root (or ONEMAP_BENCH_OUT).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { incidentTypes, type LayerSummary, type WarningArea } from '@onemap/domain';
import { createRng, lonLatToTile } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import { recommend } from '../src/services/dispatch.js';
import { pointTile } from '../src/services/layer-tiles.js';
import { regionsAt } from '../src/services/regions.js';
import { NATIONAL_SCOPE } from '../src/services/scope.js';
import { sensorsGeoJson } from '../src/services/sensors.js';
import { estimatePopulation } from '../src/services/warning-areas.js';
import { repoRoot } from '../support/api-process.js';
import { recordingSql, replay, type Statement } from './recording-sql.js';
import { DEMO_PASSWORD, startApi } from './server.js';
import { quantiles } from './stats.js';
import { benchStore } from './store.js';

const env = process.env;
const SCALE = Number(env.ONEMAP_BENCH_SCALE ?? 1);
const ROUNDS = Number(env.ONEMAP_BENCH_ROUNDS ?? 60);
const INCIDENTS = 20;
const port = Number(env.ONEMAP_BENCH_PORT ?? 8203);
const store = await benchStore(env.ONEMAP_BENCH_DB === 'postgres' ? 'postgres' : 'embedded', 'spatial');
const log = (line: string) => process.stderr.write(`spatial bench (${store.kind}, ×${SCALE}): ${line}\n`);

/** One query as the browser or a client asks the API, and as the service would ask the database. */
interface Case {
  name: string;
  /** The request for input i; resolves when its body has been read. */
  api(url: string, auth: Record<string, string>, i: number): Promise<void>;
  /** The service call for input i, made through a recording client. */
  service(sql: SqlClient, i: number): Promise<unknown>;
}

async function ok(res: Response, what: string): Promise<void> {
  await res.arrayBuffer();
  if (res.status >= 300) throw new Error(`${what}: ${res.status}`);
}

// The seeded database, and the inputs: places where sensors are (on land, all over China).
const seeding = await startApi({ ...store.server('template'), port, mqttPort: 0, scale: SCALE });
log(`seeded in ${seeding.startMs} ms`);
const login = async (url: string) =>
  fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  })
    .then((r) => r.json() as Promise<{ token: string }>)
    .then((b) => ({ authorization: `Bearer ${b.token}` }));
let auth = await login(seeding.url);
const rng = createRng(6);
const sites = await fetch(`${seeding.url}/api/v1/sensors.geojson?limit=50000`, { headers: auth })
  .then((r) => r.json() as Promise<{ features: Array<{ geometry: { coordinates: [number, number] } }> }>)
  .then((fc) => fc.features.map((f) => f.geometry.coordinates));
const sensors = await fetch(`${seeding.url}/trpc/layers.summary`, { headers: auth })
  .then((r) => r.json() as Promise<{ result: { data: LayerSummary[] } }>)
  .then((b) => b.result.data.find((l) => l.layer === 'sensors')?.total ?? sites.length);
const places = Array.from(
  { length: ROUNDS },
  () => sites[Math.floor(rng() * sites.length)] as [number, number],
);
const tiles = places.map(([lon, lat]) => lonLatToTile(lon, lat, 5));
// A city-sized view (about what a 1920-pixel screen shows at zoom 8) around each place.
const boxes = places.map(([lon, lat]) => [lon - 3.3, lat - 1.5, lon + 3.3, lat + 1.5] as const);
// A drawn warning polygon of some 100 km around each place: a hexagon.
const polygons: WarningArea[] = places.map(([lon, lat]) => ({
  kind: 'polygon',
  ring: Array.from({ length: 7 }, (_, k) => {
    const a = ((k % 6) / 6) * 2 * Math.PI;
    return [lon + Math.cos(a), lat + 0.8 * Math.sin(a)] as [number, number];
  }),
}));
const incidents: number[] = [];
for (let i = 0; i < INCIDENTS; i++) {
  const [lon, lat] = places[i % places.length] as [number, number];
  const res = await fetch(`${seeding.url}/api/v1/incidents`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      type: incidentTypes.codes[i % incidentTypes.codes.length],
      title: `bench ${i}`,
      lon,
      lat,
    }),
  });
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${await res.text()}`);
  incidents.push(((await res.json()) as { incident: { id: number } }).incident.id);
}
await seeding.stop();

const cases: Case[] = [
  {
    name: 'viewport sensors, tile',
    api: (url, h, i) => {
      const t = tiles[i] as { x: number; y: number };
      return fetch(`${url}/api/v1/layers/sensors/tiles/5/${t.x}/${t.y}.bin`, { headers: h }).then((r) =>
        ok(r, 'tile'),
      );
    },
    service: (sql, i) => {
      const t = tiles[i] as { x: number; y: number };
      return pointTile(sql, 'sensors', 5, t.x, t.y, NATIONAL_SCOPE);
    },
  },
  {
    name: 'viewport sensors, GeoJSON bbox',
    api: (url, h, i) =>
      fetch(`${url}/api/v1/sensors.geojson?bbox=${boxes[i]?.join(',')}&limit=10000`, { headers: h }).then(
        (r) => ok(r, 'sensors.geojson'),
      ),
    service: (sql, i) =>
      sensorsGeoJson(sql, NATIONAL_SCOPE, {
        bbox: [...(boxes[i] as readonly number[])] as never,
        limit: 10_000,
      }),
  },
  {
    name: 'nearest teams (recommendation)',
    api: (url, h, i) =>
      fetch(`${url}/api/v1/incidents/${incidents[i % INCIDENTS]}/recommendations?limit=10`, {
        headers: h,
      }).then((r) => ok(r, 'recommendations')),
    service: (sql, i) =>
      recommend(sql, NATIONAL_SCOPE, { id: incidents[i % INCIDENTS] as number, limit: 10 }),
  },
  {
    name: 'point in region',
    api: (url, h, i) => {
      const [lon, lat] = places[i] as [number, number];
      return fetch(`${url}/api/v1/regions/at?lon=${lon}&lat=${lat}`, { headers: h }).then((r) =>
        ok(r, 'regions/at'),
      );
    },
    service: (sql, i) => regionsAt(sql, ...(places[i] as [number, number])),
  },
  {
    name: 'features in a warning polygon',
    api: (url, h, i) => {
      const input = encodeURIComponent(JSON.stringify({ areas: [polygons[i]] }));
      return fetch(`${url}/trpc/warnings.estimatePopulation?input=${input}`, { headers: h }).then((r) =>
        ok(r, 'estimatePopulation'),
      );
    },
    service: (sql, i) => estimatePopulation(sql, [polygons[i] as WarningArea]),
  },
];

/** Each case's statements per input, noted once; then each input's statements timed. */
const recorded = new Map<string, Statement[][]>();
const rawMs = new Map<string, number[]>(cases.map((c) => [c.name, []]));
async function direct(): Promise<void> {
  const db = await store.open('template');
  try {
    for (const c of cases) {
      if (!recorded.has(c.name)) {
        const perInput: Statement[][] = [];
        for (let i = 0; i < ROUNDS; i++) {
          const { sql, log } = recordingSql(db.sql);
          await c.service(sql, i);
          perInput.push(log);
        }
        recorded.set(c.name, perInput);
      }
      const statements = recorded.get(c.name) as Statement[][];
      // The same warm-up as the API side gets: a freshly opened database has cold caches.
      for (let i = 0; i < Math.min(5, ROUNDS); i++) await replay(db.sql, statements[i] as Statement[]);
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await replay(db.sql, statements[i] as Statement[]);
        rawMs.get(c.name)?.push(performance.now() - t);
      }
    }
  } finally {
    await db.close();
  }
}

await direct();
log('direct SQL, first half');
const api = await startApi({ ...store.server('template'), port, mqttPort: 0, scale: SCALE });
auth = await login(api.url);
const apiMs = new Map<string, number[]>();
for (const c of cases) {
  // A few requests first: the server's first use of a route compiles and caches.
  for (let i = 0; i < Math.min(5, ROUNDS); i++) await c.api(api.url, auth, i);
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await c.api(api.url, auth, i);
    ms.push(performance.now() - t);
  }
  apiMs.set(c.name, ms);
}
await api.stop();
log('through the API');
await direct();
await store.cleanup();

const results = {
  at: new Date().toISOString(),
  database: store.kind,
  scale: SCALE,
  sensors,
  rounds: ROUNDS,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', loadAverageEnd: loadavg()[0] },
  queries: cases.map((c) => {
    const a = quantiles(apiMs.get(c.name) as number[]);
    const r = quantiles(rawMs.get(c.name) as number[]);
    return {
      name: c.name,
      statements: (recorded.get(c.name)?.[0] ?? []).length,
      apiMs: a,
      rawMs: r,
      target: 'API p95 ≤ 1.5 × raw p95 + 5 ms',
      met: a.p95 <= 1.5 * r.p95 + 5,
    };
  }),
};
const out = env.ONEMAP_BENCH_OUT ?? join(repoRoot, 'bench/results/spatial.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
