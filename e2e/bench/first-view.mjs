#!/usr/bin/env node
// Benchmark: start-up (fresh and existing data dir) and the first view in a real browser at the
// default demo scale. Writes bench/results/first-view.json at the repo root. Numbers on a shared
// 2-core machine are noisy: compare runs of the same machine, and read ratios, not absolutes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { localOnly, startApi } from './api-process.mjs';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.env.ONEMAP_BENCH_PORT ?? 8207);
const scale = process.env.ONEMAP_BENCH_SCALE ?? '1';
const dataDir = mkdtempSync(join(tmpdir(), 'onemap-bench-'));
const PASSWORD = 'onemap-bench';

/** The API started on the bench's data dir, and how long until it answered /healthz with 200. */
async function started() {
  const t0 = performance.now();
  const api = startApi({ port, mqttPort: 0, dataDir, scale, password: PASSWORD });
  await api.ready();
  return { api, ms: Math.round(performance.now() - t0) };
}

function bundleSize() {
  const assets = join(root, 'apps/web/dist/assets');
  let raw = 0;
  let gzip = 0;
  for (const f of readdirSync(assets)) {
    if (!f.endsWith('.js')) continue;
    const bytes = readFileSync(join(assets, f));
    raw += statSync(join(assets, f)).size;
    gzip += gzipSync(bytes, { level: 9 }).byteLength;
  }
  return { jsRawBytes: raw, jsGzipBytes: gzip };
}

const results = { scale: Number(scale), at: new Date().toISOString(), node: process.version };
const fresh = await started();
results.startFreshMs = fresh.ms;
await fresh.api.stop();
const existing = await started();
results.startExistingMs = existing.ms;

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await localOnly(context);
  // The map is for signed-in users: a session cookie first (through the API, so that the page's
  // own load stays cold), as the demo administrator.
  const login = await context.request.post(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    data: { username: 'admin', password: PASSWORD },
  });
  if (login.status() !== 200) throw new Error(`sign-in failed: ${login.status()}`);
  const page = await context.newPage();
  // Context events include the map worker's requests (the basemap GeoJSON), which a page-level
  // CDP session would miss.
  const sizes = [];
  context.on('requestfinished', (request) => {
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  const t0 = performance.now();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.onemap?.isIdle() === true, undefined, {
    timeout: 300_000,
    polling: 100,
  });
  results.firstViewAllLayersMs = Math.round(performance.now() - t0);
  const all = await Promise.all(sizes);
  results.firstViewBytes = all.reduce((sum, n) => sum + n, 0);
  results.firstViewRequests = all.length;
  results.loadedFeatures = await page.evaluate(() => window.onemap?.loadedCounts());
} finally {
  await browser.close();
  await existing.api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
Object.assign(results, bundleSize());
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/first-view.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
