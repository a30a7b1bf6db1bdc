#!/usr/bin/env node
// Benchmark: is the map still smooth while 5,000 units move? A real API process (embedded database
// and broker) seeded at the demo scale (5,000 rescue teams), every team out on a job (so each
// draws a trail), and Chromium signed in as the national administrator showing the whole country.
// The page's frames per second and main-thread stalls are measured for ONEMAP_BENCH_SECONDS
// (default 20) with no unit traffic (the baseline), then for the same time while every unit
// reports a position every 5 s over MQTT (1,000 positions/s). The ratio of the two is the figure;
// the frame rate itself is the software renderer's. At the end the drawn position of sampled units
// is checked against the last one published. Writes bench/results/units-live.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import mqtt from 'mqtt';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { adminAndGateway, adminMapPage, root, startApi } from './api-process.mjs';

const env = process.env;
const port = Number(env.ONEMAP_BENCH_UNITS_PORT ?? 8094);
const mqttPort = Number(env.ONEMAP_BENCH_UNITS_MQTT_PORT ?? 18894);
const SCALE = env.ONEMAP_BENCH_UNITS_SCALE ?? '1';
const SECONDS = Number(env.ONEMAP_BENCH_SECONDS ?? 20);
const PERIOD_S = 5;
const PUBLISHERS = 8;
const PASSWORD = 'onemap-bench';
const dataDir = mkdtempSync(join(tmpdir(), 'onemap-bench-units-'));
const url = `http://127.0.0.1:${port}`;
const log = (line) => process.stderr.write(`units-live bench: ${line}\n`);

const apiOptions = {
  port,
  mqttPort,
  dataDir,
  scale: SCALE,
  password: PASSWORD,
  env: { ONEMAP_OFFLINE_GRACE_S: '7200' },
};

const t0 = performance.now();
// Seed, then put every team out on a job (en route) so that each one draws a trail.
let api = startApi(apiOptions);
await api.ready();
await api.stop();
const update = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '-e',
    `import { openDatabase } from '@onemap/prisma';
     const db = await openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} });
     await db.sql.query("UPDATE rescue_team SET status = 'en_route'");
     await db.close();`,
  ],
  { cwd: join(root, 'apps/api'), stdio: 'inherit' },
);
if (update.status !== 0) throw new Error('could not set the teams en route');
rmSync(join(dataDir, 'onemap.lock'), { force: true });
api = startApi(apiOptions);
await api.ready();
log(`API seeded and up in ${Math.round(performance.now() - t0)} ms`);

const { gateway } = await adminAndGateway(url, PASSWORD, 'bench trackers');

const browser = await chromium.launch(chromiumLaunchOptions);
const results = {
  at: new Date().toISOString(),
  node: process.version,
  scale: Number(SCALE),
  seconds: SECONDS,
};
try {
  const { context, page } = await adminMapPage(browser, url, PASSWORD, 180_000);
  log(`page ready at ${Math.round(performance.now() - t0)} ms`);
  // ONEMAP_BENCH_HIDE=sensors,…: measure without those layers drawn (what their drawing costs).
  for (const id of (env.ONEMAP_BENCH_HIDE ?? '').split(',').filter(Boolean)) {
    await page.getByTestId(`layer-toggle-${id}`).click();
  }

  // The teams the page drew: their ids (1…n in seed order) and where they are.
  const teams = await page.evaluate(() => {
    const out = [];
    for (let id = 1; id <= 20000; id++) {
      const u = window.onemap?.unitOf(id);
      if (u) out.push({ id, lon: u.lon, lat: u.lat });
    }
    return out;
  });
  // Codes follow the seed's numbering (RT000001 is id 1).
  const units = teams
    .map((t) => ({ ...t, code: `RT${String(t.id).padStart(6, '0')}` }))
    .slice(0, Number(env.ONEMAP_BENCH_MOVING ?? 5000));
  results.units = units.length;
  log(`${units.length} units drawn`);

  const measure = (seconds) =>
    page.evaluate(async (ms) => {
      let frames = 0;
      let longest = 0;
      let last = performance.now();
      const stalls = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) stalls.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      await new Promise((done) => {
        const end = performance.now() + ms;
        const frame = (now) => {
          frames++;
          longest = Math.max(longest, now - last);
          last = now;
          if (now < end) requestAnimationFrame(frame);
          else done();
        };
        requestAnimationFrame(frame);
      });
      observer.disconnect();
      return {
        fps: Math.round((frames / (ms / 1000)) * 10) / 10,
        longestFrameMs: Math.round(longest),
        stalledMs: Math.round(stalls.reduce((a, b) => a + b, 0)),
        stalls: stalls.length,
      };
    }, seconds * 1000);

  results.baseline = await measure(SECONDS);
  log(`baseline ${JSON.stringify(results.baseline)}`);
  // The same page redrawn once a second with nothing changed: what a redraw alone costs on this
  // renderer, the floor for any live layer that moves once a second.
  await page.evaluate(() => {
    window.__repaint = setInterval(() => window.onemap?.map?.triggerRepaint(), 1000);
  });
  results.repaintEverySecond = await measure(SECONDS);
  await page.evaluate(() => clearInterval(window.__repaint));
  log(`repaint every second ${JSON.stringify(results.repaintEverySecond)}`);

  const clients = await Promise.all(
    Array.from({ length: PUBLISHERS }, (_, k) =>
      mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
        clientId: `bench-units-${k}`,
        username: 'bench',
        password: gateway,
        reconnectPeriod: 0,
      }),
    ),
  );
  const rate = units.length / PERIOD_S;
  let sent = 0;
  let acked = 0;
  let stop = false;
  const last = new Map();
  const sends = [];
  const publishing = (async () => {
    const start = performance.now();
    while (!stop) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (sent < due) {
        const u = units[sent % units.length];
        u.lon += 0.0004;
        u.lat += 0.0002;
        const position = { ts: new Date().toISOString(), lon: u.lon, lat: u.lat, speed: 40, heading: 63 };
        last.set(u.id, position);
        sends.push(
          clients[sent % PUBLISHERS]
            .publishAsync(`onemap/units/${u.code}/position`, JSON.stringify(position), { qos: 1 })
            .then(() => acked++),
        );
        sent++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t = performance.now();
  // ONEMAP_BENCH_PROFILE=1: where the page's time goes while units move (top functions by self time).
  const cdp = env.ONEMAP_BENCH_PROFILE ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  results.moving = await measure(SECONDS);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map();
    const dt = profile.timeDeltas ?? [];
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    (profile.samples ?? []).forEach((id, i) => {
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    for (const [k, ms] of top) log(`profile ${Math.round(ms)} ms  ${k}`);
  }
  const elapsed = (performance.now() - t) / 1000;
  stop = true;
  await publishing;
  await Promise.all(sends);
  log(`moving ${JSON.stringify(results.moving)}`);
  // Let the last positions reach the page, then compare a sample with what was published.
  await new Promise((r) => setTimeout(r, 2000));
  const sample = [...last.entries()].filter((_, i) => i % 50 === 0);
  const drawn = await page.evaluate(
    (ids) => ids.map((id) => window.onemap?.unitOf(id)),
    sample.map(([id]) => id),
  );
  const matching = sample.filter(([, p], i) => {
    const d = drawn[i];
    return d && Math.abs(d.lon - p.lon) < 1e-4 && Math.abs(d.lat - p.lat) < 1e-4;
  }).length;
  await Promise.all(clients.map((c) => c.endAsync()));
  Object.assign(results, {
    offeredPerS: rate,
    sentPerS: Math.round(sent / elapsed),
    acknowledgedPerS: Math.round(acked / elapsed),
    trails: await page.evaluate(() => window.onemap?.trailCodes().length ?? 0),
    sampledUnitsAtLastPosition: `${matching}/${sample.length}`,
    fpsRatio: Math.round((results.moving.fps / results.baseline.fps) * 100) / 100,
    fpsRatioToRepaint: Math.round((results.moving.fps / results.repaintEverySecond.fps) * 100) / 100,
  });
} finally {
  await browser.close();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/units-live.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
