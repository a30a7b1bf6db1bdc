#!/usr/bin/env node
// Benchmark: the map drawing many sensors in Chromium, against a bare deck.gl page drawing the same
// points (bare-deck/main.js: one ScatterplotLayer from typed arrays, no basemap, no app).
// For each count in ONEMAP_BENCH_POINTS (default 100,000 and 1,000,000):
// - the real API serves that many sensors: the demo seed (scale 1, ~50,000; less for small counts)
//   grown to the count by grow-sensors.ts (copies of seeded sensors moved a little);
// - navigation → everything drawn: the app signed in as the national administrator, `goto('/')`
//   until `window.onemap.isIdle()` (basemap, every layer's tiles loaded and handed to deck.gl);
//   the bare page until deck.gl has drawn its points (loaded from a binary file);
// - frames per second while panning: every animation frame moves the view east a little, for
//   ONEMAP_BENCH_PAN_SECONDS (at least 2 frames, at most 4 × that long), counting frames; the app
//   slides its layers with a pan on software GL, so it is also timed redrawing every frame;
// Software GL (no GPU here): ONEMAP_BENCH_GL=llvmpipe (default: Mesa through ANGLE's EGL, ~5× faster
// per point than SwiftShader here) or swiftshader. Both pages share one browser and its flags.
// Writes bench/results/render.json at the repo root (or ONEMAP_BENCH_OUT).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { adminMapPage, apiCaller, benchDataDir, root, startApi } from './api-process.mjs';

const env = process.env;
const POINTS = (env.ONEMAP_BENCH_POINTS ?? '100000,1000000').split(',').map(Number);
const PAN_SECONDS = Number(env.ONEMAP_BENCH_PAN_SECONDS ?? 8);
const GL = env.ONEMAP_BENCH_GL ?? 'llvmpipe';
const port = Number(env.ONEMAP_BENCH_PORT ?? 8205);
const barePort = Number(env.ONEMAP_BENCH_BARE_PORT ?? 8206);
const PASSWORD = 'onemap-bench';
const url = `http://127.0.0.1:${port}`;
const work = mkdtempSync(join(tmpdir(), 'onemap-bench-render-'));
const dataDir = benchDataDir('render');
const log = (line) => process.stderr.write(`render bench: ${line}\n`);
/** The map's data layers besides the sensors (the layer panel's toggles). */
const OTHER_LAYERS = [
  'warnings',
  'sensingAreas',
  'commLinks',
  'droneFlights',
  'enterprises',
  'cameras',
  'hotspots',
  'commNodes',
  'depots',
  'shelters',
  'hospitals',
  'teams',
  'incidents',
];
const glArgs = { llvmpipe: ['--use-angle=gl-egl', '--ignore-gpu-blocklist'], swiftshader: [] }[GL];

/** The bare page, bundled with the web app's own deck.gl by the esbuild its Vite brings. */
async function buildBarePage() {
  const web = join(root, 'apps/web');
  const vite = createRequire(join(web, 'package.json')).resolve('vite');
  const esbuild = createRequire(vite)('esbuild');
  await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'bare-deck/main.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    nodePaths: [join(web, 'node_modules')],
    outfile: join(work, 'bare/main.js'),
    logLevel: 'warning',
  });
  writeFileSync(
    join(work, 'bare/index.html'),
    '<!doctype html><html><body style="margin:0;width:100vw;height:100vh;overflow:hidden"><script type="module" src="/main.js"></script></body></html>',
  );
}

/** Serves the bare page and the points (lon, lat as float32 pairs). */
function serveBare(points) {
  const files = {
    '/': ['text/html', () => readFileSync(join(work, 'bare/index.html'))],
    '/main.js': ['text/javascript', () => readFileSync(join(work, 'bare/main.js'))],
    '/points.bin': ['application/octet-stream', () => points.current],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]());
  });
  return new Promise((r) => server.listen(barePort, '127.0.0.1', () => r(server)));
}

/** Every sensor the API serves: the z5 tiles over China and its seas, decoded (OMP1). */
async function sensorPoints(token) {
  const n = 2 ** 5;
  const tileX = (lon) => Math.floor(((lon + 180) / 360) * n);
  const tileY = (lat) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const parts = [];
  for (let x = tileX(73); x <= tileX(136); x++) {
    for (let y = tileY(54); y <= tileY(3); y++) {
      const res = await fetch(`${url}/api/v1/layers/sensors/tiles/5/${x}/${y}.bin`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const buf = await res.arrayBuffer();
      const count = new DataView(buf).getUint32(4, true);
      const lon = new Float32Array(buf, 8 + 4 * count, count);
      const lat = new Float32Array(buf, 8 + 8 * count, count);
      const xy = new Float32Array(2 * count);
      for (let i = 0; i < count; i++) {
        xy[2 * i] = lon[i];
        xy[2 * i + 1] = lat[i];
      }
      parts.push(xy);
    }
  }
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer)));
}

/** Frames per second while the page moves its view each frame (`move(k)`), bounded in time. */
function panFps(page, moveSource) {
  return page.evaluate(
    ({ seconds, moveSource }) =>
      new Promise((resolve) => {
        const move = new Function('k', moveSource);
        const t0 = performance.now();
        let frames = 0;
        const frame = () => {
          const elapsed = (performance.now() - t0) / 1000;
          if ((elapsed >= seconds && frames >= 2) || elapsed >= 4 * seconds) {
            resolve({ frames, seconds: Math.round(elapsed * 100) / 100, fps: frames / elapsed });
            return;
          }
          frames++;
          move(frames);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { seconds: PAN_SECONDS, moveSource },
  );
}

await buildBarePage();
const scale = Math.min(1, Math.max(0.02, Math.min(...POINTS) / 50_000));
const options = { port, mqttPort: 0, dataDir, scale, password: PASSWORD };
const seeding = startApi(options);
await seeding.ready();
await seeding.stop();
const points = { current: Buffer.alloc(0) };
const bare = await serveBare(points);
const browser = await chromium.launch({
  ...chromiumLaunchOptions,
  args: [...chromiumLaunchOptions.args, ...glArgs],
});
const results = { at: new Date().toISOString(), gl: GL, glArgs, panSeconds: PAN_SECONDS, runs: [] };
try {
  for (const target of POINTS) {
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/grow-sensors.ts', dataDir, String(target)], {
      cwd: join(root, 'apps/api'),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const api = startApi(options);
    await api.ready();
    try {
      const { token } = await apiCaller(url)('/api/v1/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      points.current = await sensorPoints(token);
      const run = { points: points.current.byteLength / 8 };
      const { context, page } = await adminMapPage(browser, url, PASSWORD, 600_000);
      // The renderer, and the canvas settings the app chose for it (no multisampling on a CPU).
      results.deckGl ??= await page.evaluate(() => window.onemap.deckGl());
      results.renderer ??= results.deckGl.renderer;
      // Signed in: now a cold navigation to the map, timed until all of it is drawn.
      let t0 = performance.now();
      await page.goto('/');
      await page.waitForFunction(() => window.onemap?.isIdle() === true, undefined, {
        timeout: 600_000,
        polling: 100,
      });
      const firstDrawMs = Math.round(performance.now() - t0);
      const view = await page.evaluate(() => {
        const map = window.onemap.map;
        const c = map.getCenter();
        return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), drawn: window.onemap.loadedCounts().sensors };
      });
      /** The pan: east a little every frame (`k`), with `options` of `jumpTo` besides the centre. */
      const panEast = (options = '') =>
        `window.onemap.map.jumpTo({ center: [${view.lon} + 0.05 * k, ${view.lat}]${options} })`;
      const pan = panEast();
      /** Back where the pan started, drawn. */
      const backToStart = async () => {
        await page.evaluate((c) => window.onemap.map.jumpTo({ center: c }), [view.lon, view.lat]);
        await page.waitForFunction(() => window.onemap?.isIdle() === true, undefined, { timeout: 600_000 });
      };
      run.app = { firstDrawMs, sensorsLoaded: view.drawn, ...(await panFps(page, pan)) };
      // On software GL the app slides its deck.gl canvases with a pan (map/sliding-overlay.ts).
      // The same pan with the zoom nudged by a millionth every other frame is not a slide: every
      // frame redrawn, as the bare page does and as the app did before it slid.
      await backToStart();
      run.appRedrawing = await panFps(page, panEast(`, zoom: ${view.zoom} + (k % 2) * 1e-6`));
      // The same map with every other data layer switched off: what is left over the bare page is
      // the basemap and the app itself, what went is the other layers' share.
      for (const id of OTHER_LAYERS) await page.getByTestId(`layer-toggle-${id}`).click();
      await backToStart();
      run.appSensorsOnly = await panFps(page, pan);
      await context.close();

      // The bare page as the issue defines it (deck.gl's defaults), then drawing the points in the
      // app's style on a canvas with the app's settings.
      for (const [key, style] of [
        ['bare', ''],
        ['bareStyled', `&style=app&gl=${results.deckGl.antialias ? 'aa' : 'none'}`],
      ]) {
        const barePage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
        t0 = performance.now();
        await barePage.goto(
          `http://127.0.0.1:${barePort}/?lon=${view.lon}&lat=${view.lat}&zoom=${view.zoom}${style}`,
        );
        await barePage.waitForFunction(() => window.bench?.drawn === true, undefined, {
          timeout: 600_000,
          polling: 100,
        });
        run[key] = {
          firstDrawMs: Math.round(performance.now() - t0),
          ...(await panFps(barePage, `window.bench.pan(${view.lon} + 0.05 * k)`)),
        };
        await barePage.close();
      }
      run.view = view;
      results.runs.push(run);
      log(JSON.stringify(run));
    } finally {
      await api.stop();
    }
  }
} finally {
  await browser.close();
  bare.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
const out = env.ONEMAP_BENCH_OUT ?? join(root, 'bench/results/render.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
