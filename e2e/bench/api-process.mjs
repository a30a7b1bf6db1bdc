// The real API as a process of its own, for the browser benchmarks: started on an embedded
// database in `dataDir` (seeded on first start), with the demo accounts under `password`.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/**
 * A fresh data dir for a bench's API: a copy of the database the suite seeded for several benches
 * (ONEMAP_BENCH_SEEDED, at the bench's scale) when there is one, else empty (the API seeds it).
 */
export function benchDataDir(name) {
  const dataDir = mkdtempSync(join(tmpdir(), `onemap-bench-${name}-`));
  const seeded = process.env.ONEMAP_BENCH_SEEDED;
  if (seeded) {
    cpSync(seeded, dataDir, { recursive: true });
    rmSync(join(dataDir, 'onemap.lock'), { force: true });
  }
  return dataDir;
}

/** Starts the API; `ready()` resolves once /healthz answers 200, `stop()` once it has exited. */
export function startApi({ port, mqttPort, dataDir, scale, password, env = {} }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(root, 'apps/api'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MQTT_PORT: String(mqttPort),
      MQTT_URL: '',
      ONEMAP_SEED_SCALE: String(scale),
      ONEMAP_DEMO_PASSWORD: password,
      ONEMAP_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.on('exit', r));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid,
    exited,
    async ready() {
      for (;;) {
        try {
          if ((await fetch(`${url}/healthz`)).status === 200) return;
        } catch {}
        if (child.exitCode !== null) throw new Error('API exited during start');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A JSON call to the API (200 expected), as `token`'s holder when given. */
export function apiCaller(url) {
  return async (path, init = {}, token) => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/** Signs in as the demo administrator and issues a national gateway token for the run. */
export async function adminAndGateway(url, password, name = 'bench gateway') {
  const call = apiCaller(url);
  const { token: admin } = await call('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username: 'admin', password }),
  });
  const created = await call(
    '/trpc/admin.tokens.create',
    { method: 'POST', body: JSON.stringify({ name, role: 'sensor_gateway', regionCode: '000000' }) },
    admin,
  );
  return { admin, gateway: created.result.data.token, call };
}

/**
 * The national administrator's map in a wall-sized Chromium context, once it has drawn everything
 * (`readyMs`: how long a cold map may take to load). Returns the context (for CDP sessions) and page.
 */
export async function adminMapPage(browser, url, password, readyMs) {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await localOnly(context);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForFunction(() => window.onemap?.isIdle() === true, undefined, { timeout: readyMs });
  return { context, page };
}

/** Nothing may leave the machine: any request to a host other than this one fails at once. */
export async function localOnly(context) {
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
}

/**
 * Reads the live sensor stream as a browser holds it (tRPC over SSE), calling `onBatch(changes,
 * at, bytes)` for each batch of changes; `bytes` is the size of the network chunk it came in
 * (counted once per chunk). Returns `stop()`, which ends the stream and waits for the reader.
 */
export function readSensorStream(url, token, onBatch) {
  const stream = new AbortController();
  const reading = (async () => {
    const res = await fetch(`${url}/trpc/monitoring.sensorChanges`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: stream.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      const at = Date.now();
      let bytes = chunk.byteLength;
      buffer += decoder.decode(chunk, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('data:')) continue;
        const body = JSON.parse(line.slice(5));
        onBatch(Array.isArray(body) ? body : (body.data ?? []), at, bytes);
        bytes = 0;
      }
      if (bytes > 0) onBatch([], at, bytes);
    }
  })().catch(() => undefined);
  return async () => {
    stream.abort();
    await reading;
  };
}
