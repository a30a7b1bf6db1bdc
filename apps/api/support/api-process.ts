import { type ChildProcess, spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The real API as a child process, started as `pnpm start` starts it: for the tests of start-up,
 * scale-out and crash safety, and for the benchmarks, which talk to it as gateways and browsers do.
 */
export const apiRoot = fileURLToPath(new URL('..', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface ApiRun {
  child: ChildProcess;
  /** What it wrote to stderr so far (empty when stderr is passed through). */
  stderr: () => string;
  exit: Promise<number | null>;
}

/**
 * Starts the API with `env` over this process's environment (quiet logs, a small seed, no embedded
 * broker unless `env` says otherwise). Its stderr is kept for the caller, or passed through.
 */
export function runApi(env: Record<string, string>, stderr: 'keep' | 'pass' = 'keep'): ApiRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiRoot,
    env: { ...process.env, ONEMAP_LOG_LEVEL: 'warn', ONEMAP_SEED_SCALE: '0.02', MQTT_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', stderr === 'keep' ? 'pipe' : 'inherit'],
  });
  let kept = '';
  child.stderr?.on('data', (chunk) => {
    kept += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => kept, exit };
}

/** Runs the operator CLI (`pnpm onemap …`) with `env` over this process's environment, to its exit. */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: apiRoot,
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Resolves once the API at `port` answers /healthz with 200; throws after `timeoutMs`, or as soon
 * as `run` (the process behind it, when given) has exited.
 */
export async function waitHealthy(
  port: number,
  timeoutMs: number,
  run?: ApiRun,
): Promise<{ status: number; body: unknown; sawStarting: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let sawStarting = false;
  while (Date.now() < deadline) {
    if (run && run.child.exitCode !== null)
      throw new Error(`the API exited during start (code ${run.child.exitCode}): ${run.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return { status: 200, body: await res.json(), sawStarting };
      if (res.status === 503) sawStarting = true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy within ${timeoutMs} ms`);
}

/** The API at a port of this machine, or at a URL. */
const urlOf = (at: number | string) => (typeof at === 'number' ? `http://127.0.0.1:${at}` : at);

/** Signs in as a demo user (default password); the session's bearer token. */
export async function signIn(
  at: number | string,
  username: string,
  password = 'onemap-demo',
): Promise<string> {
  const login = await fetch(`${urlOf(at)}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await login.json()) as { token?: string };
  if (!body.token) throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(body)}`);
  return body.token;
}

/** Signs in as the demo administrator and issues a national gateway token. */
export async function gatewayToken(at: number | string, password = 'onemap-demo'): Promise<string> {
  const session = await signIn(at, 'admin', password);
  const res = await fetch(`${urlOf(at)}/trpc/admin.tokens.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify({ name: 'gateway', role: 'sensor_gateway', regionCode: '000000' }),
  });
  if (res.status !== 200)
    throw new Error(`creating a gateway token failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
}
