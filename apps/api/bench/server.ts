import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The real API as a separate process, for the benchmarks: what gateways and browsers talk to in
 * production, with its own event loop and its embedded database.
 */
export const apiRoot = fileURLToPath(new URL('..', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const DEMO_PASSWORD = 'onemap-bench';

export interface ApiProcess {
  url: string;
  mqttUrl: string | null;
  child: ChildProcess;
  startMs: number;
  stop(): Promise<void>;
}

export async function startApi(options: {
  dataDir: string;
  port: number;
  mqttPort: number;
  scale?: number;
  env?: Record<string, string>;
}): Promise<ApiProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      MQTT_PORT: String(options.mqttPort),
      MQTT_URL: '',
      ONEMAP_SEED_SCALE: String(options.scale ?? 0.1),
      ONEMAP_DEMO_PASSWORD: DEMO_PASSWORD,
      ONEMAP_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited during start (code ${child.exitCode})`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    mqttUrl: options.mqttPort > 0 ? `mqtt://127.0.0.1:${options.mqttPort}` : null,
    child,
    startMs: Math.round(performance.now() - t0),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Signs in as the demo administrator and issues a national gateway token. */
export async function gatewayToken(url: string, password = DEMO_PASSWORD): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const { token: session } = (await login.json()) as { token: string };
  const res = await fetch(`${url}/trpc/admin.tokens.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify({ name: 'bench gateway', role: 'sensor_gateway', regionCode: '000000' }),
  });
  if (res.status !== 200)
    throw new Error(`creating a gateway token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
}
