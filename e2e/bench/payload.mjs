#!/usr/bin/env node
// Benchmark: what the map costs on the wire and in the server, at a seed scale
// (ONEMAP_BENCH_SCALE: 1 ≈ 50,000 sensors, 10 ≈ 500,000).
// - Bytes per feature of each layer as sent to the browser: the national administrator's map in
//   Chromium, every response's encoded size (compressed as sent) summed per layer endpoint and
//   divided by the features that layer loaded; the sensors also as the open interface's GeoJSON
//   (the baseline: what the compact tiles save). The live sensor stream (SSE) per change, read
//   while gateways post readings that move sensors.
// - The API's resident memory (RSS): just started on the seeded data, and after serving the map.
// Writes bench/results/payload.json at the repo root (or ONEMAP_BENCH_OUT).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import {
  adminAndGateway,
  adminMapPage,
  benchDataDir,
  readSensorStream,
  root,
  startApi,
} from './api-process.mjs';

const env = process.env;
const SCALE = Number(env.ONEMAP_BENCH_SCALE ?? 1);
const port = Number(env.ONEMAP_BENCH_PORT ?? 8204);
const PASSWORD = 'onemap-bench';
const url = `http://127.0.0.1:${port}`;
const dataDir = benchDataDir('payload');
const log = (line) => process.stderr.write(`payload bench (×${SCALE}): ${line}\n`);
const mib = (pid) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
};

/** Which layer a request of the map fed, or null for the rest (app, basemap, panels). */
function layerOf(path) {
  const tile = /^\/api\/v1\/layers\/(\w+)\/tiles\//.exec(path);
  if (tile) return { layer: tile[1], how: 'OMP1 tiles' };
  const geojson = /^\/api\/v1\/(?:layers\/)?(\w+)\.geojson$/.exec(path);
  if (geojson) return { layer: geojson[1], how: 'GeoJSON' };
  return null;
}

// Seed, then a fresh start on the seeded data: the memory a restarted server holds.
const options = { port, mqttPort: 0, dataDir, scale: SCALE, password: PASSWORD };
const seeding = startApi(options);
await seeding.ready();
await seeding.stop();
const api = startApi(options);
await api.ready();
const results = { at: new Date().toISOString(), scale: SCALE, rssMiB: { started: mib(api.pid) } };
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const { admin, gateway, call } = await adminAndGateway(url, PASSWORD);
  const { context, page } = await adminMapPage(browser, url, PASSWORD, 300_000);
  const counts = await page.evaluate(() => window.onemap?.loadedCounts());
  // The map is loaded: now what each of its layer requests weighed (encoded, as received).
  const sized = [];
  const collect = (request) => {
    // A request still finishing when the browser closes has no sizes: it counts for nothing.
    const path = new URL(request.url()).pathname;
    sized.push(
      request.sizes().then(
        (s) => ({ path, bytes: s.responseBodySize }),
        () => ({ path, bytes: 0 }),
      ),
    );
  };
  context.on('requestfinished', collect);
  await page.reload();
  await page.waitForFunction(() => window.onemap?.isIdle() === true, undefined, { timeout: 300_000 });
  const bytes = new Map();
  for (const { path, bytes: n } of await Promise.all(sized)) {
    const of = layerOf(path);
    if (!of) continue;
    const key = `${of.layer}\t${of.how}`;
    bytes.set(key, (bytes.get(key) ?? 0) + n);
  }
  // The same sensors over the open interface, as GeoJSON, compressed the same way.
  const geojson = await page.evaluate(async () => {
    const res = await fetch('/api/v1/sensors.geojson?limit=50000');
    return (await res.json()).features.length;
  });
  let geojsonBytes = null;
  while (geojsonBytes === null) {
    const done = await Promise.all(sized);
    geojsonBytes = done.find((r) => r.path === '/api/v1/sensors.geojson')?.bytes ?? null;
    await new Promise((r) => setTimeout(r, 100));
  }
  context.off('requestfinished', collect);
  results.rssMiB.served = mib(api.pid);

  // The live stream: readings that move sensors, and what the stream sends per moved sensor.
  const { features } = await call('/api/v1/sensors.geojson?limit=2000', {}, admin);
  let streamBytes = 0;
  let changes = 0;
  const stopStream = readSensorStream(url, admin, (batch, _at, bytes) => {
    streamBytes += bytes;
    changes += batch.length;
  });
  await new Promise((r) => setTimeout(r, 500));
  const before = streamBytes;
  const now = Date.now();
  const batch = features.map((f, i) => ({
    sensorCode: f.properties.code,
    ts: new Date(now - (i % 1000)).toISOString(),
    value: (f.properties.lastValue ?? 1) + 0.1,
  }));
  await call('/api/v1/ingest/readings', { method: 'POST', body: JSON.stringify(batch) }, gateway);
  await new Promise((r) => setTimeout(r, 1500));
  await stopStream();

  results.sensors = counts.sensors;
  results.layers = [...bytes].map(([key, n]) => {
    const [layer, how] = key.split('\t');
    return {
      layer,
      how,
      features: counts[layer] ?? null,
      bytes: n,
      bytesPerFeature: counts[layer] ? Math.round((n / counts[layer]) * 10) / 10 : null,
      geojsonBytesPerFeature:
        layer === 'sensors' && geojson ? Math.round((geojsonBytes / geojson) * 10) / 10 : null,
    };
  });
  results.layers = results.layers.filter((l) => l.bytesPerFeature);
  results.layers.push({
    layer: 'sensors',
    how: 'live stream (SSE) per change',
    features: changes,
    bytes: streamBytes - before,
    bytesPerFeature: changes ? Math.round(((streamBytes - before) / changes) * 10) / 10 : null,
    geojsonBytesPerFeature: null,
  });
} finally {
  await browser.close();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
log(JSON.stringify(results));
const out = env.ONEMAP_BENCH_OUT ?? join(root, 'bench/results/payload.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
