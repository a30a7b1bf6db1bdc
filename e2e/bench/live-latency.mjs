#!/usr/bin/env node
// Benchmark: publish → browser latency of the live sensor layer. A real API process (embedded
// database and broker), Chromium signed in and showing the map with the live stream open, and
// gateways publishing over MQTT (QoS 1) at ONEMAP_BENCH_RATE readings/s (default 5,000) for
// ONEMAP_BENCH_SECONDS (default 25). A few marker sensors get readings that flip their state
// (normal ⇄ alarm); the page records when each flip is applied to its sensor layer (what
// `window.onemap.stateOf` reads), and the latency is that moment minus the publish time.
// Writes bench/results/live-latency.json at the repo root (or ONEMAP_BENCH_OUT).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import mqtt from 'mqtt';
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
const port = Number(env.ONEMAP_BENCH_LIVE_PORT ?? 8202);
const mqttPort = Number(env.ONEMAP_BENCH_LIVE_MQTT_PORT ?? 18202);
const RATE = Number(env.ONEMAP_BENCH_RATE ?? 5000);
const SECONDS = Number(env.ONEMAP_BENCH_SECONDS ?? 25);
/** A gateway flushing each sensor's readings every few seconds sends them as one message. */
const PER_MESSAGE = Number(env.ONEMAP_BENCH_READINGS_PER_MESSAGE ?? 10);
const PUBLISHERS = 8;
const MARKERS = 20;
const PASSWORD = 'onemap-bench';
const dataDir = benchDataDir('live');
const url = `http://127.0.0.1:${port}`;
const log = (line) => process.stderr.write(`live-latency bench: ${line}\n`);

const t0 = performance.now();
const api = startApi({ port, mqttPort, dataDir, scale: 0.1, password: PASSWORD });
await api.ready();
log(`API up in ${Math.round(performance.now() - t0)} ms`);
const { admin, gateway, call } = await adminAndGateway(url, PASSWORD);
const { features } = await call('/api/v1/sensors.geojson?limit=50000', {}, admin);
const sensors = features.map((f) => f.properties);

const browser = await chromium.launch(chromiumLaunchOptions);
const results = {
  at: new Date().toISOString(),
  node: process.version,
  sensors: sensors.length,
  targetRatePerS: RATE,
  seconds: SECONDS,
  readingsPerMessage: PER_MESSAGE,
  publishers: PUBLISHERS,
};
try {
  const { page } = await adminMapPage(browser, url, PASSWORD, 120_000);
  await page.waitForFunction(() => window.onemap?.liveStatus() === 'open', undefined, { timeout: 30_000 });
  log(`page ready at ${Math.round(performance.now() - t0)} ms`);

  // Markers: sensors the page has loaded, in normal state, of kinds with thresholds and no
  // rate-of-change rule (a flip every few seconds would otherwise hold them in a rate alarm).
  const loaded = await page.evaluate((max) => {
    const ids = [];
    for (let id = 1; id <= max; id++) if (window.onemap?.stateOf('sensors', id) === 'normal') ids.push(id);
    return ids;
  }, sensors.length);
  const markers = [];
  const flippable = new Set(['rainfall', 'wind_speed', 'seismic', 'smoke']);
  for (let k = 0; k < loaded.length && markers.length < MARKERS; k++) {
    const id = loaded[k];
    const detail = await call(
      `/trpc/features.detail?input=${encodeURIComponent(JSON.stringify({ layer: 'sensors', id }))}`,
      {},
      admin,
    );
    const code = detail.result.data.code;
    const one = await call(`/api/v1/sensors/${encodeURIComponent(code)}`, {}, admin);
    const t = one.properties.thresholds;
    if (!flippable.has(one.properties.kind) || t?.alarm == null || t.warn == null) continue;
    markers.push({ id, code, high: t.alarm * 1.2 + 1, low: Math.max(0, t.warn * 0.5) });
  }
  if (markers.length < 5) throw new Error(`only ${markers.length} marker sensors found`);
  const markerCodes = new Set(markers.map((m) => m.code));
  // The page notes every state change of a marker as soon as its layer holds it, and every time its
  // main thread was too busy to poll for a while (rendering, script): what a change waited behind.
  await page.evaluate(
    (ids) => {
      const last = new Map(ids.map((id) => [id, window.onemap?.stateOf('sensors', id)]));
      window.__flips = [];
      window.__stalls = [];
      let polled = Date.now();
      const poll = () => {
        const now = Date.now();
        if (now - polled > 50) window.__stalls.push(now - polled);
        polled = now;
        for (const id of ids) {
          const state = window.onemap?.stateOf('sensors', id);
          if (state !== last.get(id)) {
            last.set(id, state);
            window.__flips.push({ id, state, at: Date.now() });
          }
        }
      };
      window.__poller = setInterval(poll, 4);
    },
    markers.map((m) => m.id),
  );

  // Everyday readings repeat each sensor's last value: nothing moves but the markers.
  // The same stream the page reads, read here too: what the server delivers, when (the rest of the
  // latency is the browser's).
  const markerIds = new Set(markers.map((m) => m.id));
  const streamed = [];
  const stopStream = readSensorStream(url, admin, (batch, at) => {
    for (const c of batch) if (markerIds.has(c.id)) streamed.push({ id: c.id, state: c.state, at });
  });
  const background = sensors
    .filter((s) => !markerCodes.has(s.code))
    .map((s) => ({ code: s.code, value: s.lastValue ?? 1 }));
  const clients = await Promise.all(
    Array.from({ length: PUBLISHERS }, (_, k) =>
      mqtt.connectAsync(`mqtt://127.0.0.1:${mqttPort}`, {
        clientId: `bench-live-${k}`,
        username: 'bench',
        password: gateway,
        reconnectPeriod: 0,
      }),
    ),
  );
  let sent = 0;
  let acked = 0;
  let inFlight = 0;
  let lagging = 0;
  const sends = [];
  const markerSends = [];
  const start = Date.now();
  let cursor = 0;
  let flip = 0;
  const TICK_MS = 50;
  // Every tick: the readings due by now (at RATE), in messages of PER_MESSAGE readings of one
  // sensor; every 250 ms one marker flips (each marker about every MARKERS/4 seconds).
  for (let tick = 0; Date.now() - start < SECONDS * 1000; tick++) {
    const due = Math.floor(((Date.now() - start) / 1000) * RATE);
    while (sent < due) {
      if (inFlight > RATE) {
        lagging++;
        break;
      }
      const { code, value } = background[cursor++ % background.length];
      const now = Date.now();
      const readings = Array.from({ length: PER_MESSAGE }, (_, k) => ({
        ts: new Date(now - (PER_MESSAGE - 1 - k) * 1000 - (cursor % 997)).toISOString(),
        value,
      }));
      const client = clients[cursor % PUBLISHERS];
      inFlight++;
      sent += PER_MESSAGE;
      sends.push(
        client
          .publishAsync(`onemap/sensors/${code}/readings`, JSON.stringify(readings), { qos: 1 })
          .then(() => {
            inFlight--;
            acked += PER_MESSAGE;
          }),
      );
    }
    if (tick % 5 === 0) {
      const m = markers[flip % markers.length];
      const high = Math.floor(flip / markers.length) % 2 === 0;
      flip++;
      const publishedAt = Date.now();
      markerSends.push({ id: m.id, expect: high ? 'alarm' : 'normal', publishedAt });
      sends.push(
        clients[flip % PUBLISHERS].publishAsync(
          `onemap/sensors/${m.code}/readings`,
          JSON.stringify({ ts: new Date(publishedAt).toISOString(), value: high ? m.high : m.low }),
          { qos: 1 },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  const publishMs = Date.now() - start;
  await Promise.all(sends);
  const drainedMs = Date.now() - start;
  await new Promise((r) => setTimeout(r, 2000));
  const { flips, stalls } = await page.evaluate(() => {
    clearInterval(window.__poller);
    return { flips: window.__flips, stalls: window.__stalls };
  });
  await Promise.all(clients.map((c) => c.endAsync()));

  await stopStream();

  const latencies = [];
  const serverLatencies = [];
  let missed = 0;
  for (const s of markerSends) {
    const match = (f) => f.id === s.id && f.state === s.expect && f.at >= s.publishedAt;
    const seen = flips.find(match);
    if (seen) latencies.push(seen.at - s.publishedAt);
    else missed++;
    const delivered = streamed.find(match);
    if (delivered) serverLatencies.push(delivered.at - s.publishedAt);
  }
  const quantiles = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted.at(-1) };
  };
  Object.assign(results, {
    markers: markers.length,
    samples: latencies.length,
    missed,
    latencyMs: quantiles(latencies),
    // Publish → the change event leaving the server's stream (read by a client in this process).
    streamLatencyMs: quantiles(serverLatencies),
    // The page's main thread busy for over 50 ms at a time: how often, for how long in all.
    pageStalls: {
      count: stalls.length,
      totalMs: stalls.reduce((sum, ms) => sum + ms, 0),
      ...quantiles(stalls),
    },
    sentReadings: sent,
    sentPerS: Math.round(sent / (publishMs / 1000)),
    // Acknowledged by the broker = stored: the rate the server sustained.
    storedPerS: Math.round(acked / (drainedMs / 1000)),
    drainAfterPublishMs: drainedMs - publishMs,
    publisherHeldBackTicks: lagging,
    liveStatusAtEnd: await page.evaluate(() => window.onemap?.liveStatus()),
  });
} finally {
  await browser.close();
  await api.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
const out = env.ONEMAP_BENCH_OUT ?? join(root, 'bench/results/live-latency.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
