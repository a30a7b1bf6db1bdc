import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from './fixtures';

const API_DIR = fileURLToPath(new URL('../../apps/api', import.meta.url));

/** One line of `pnpm simulate --json` (see apps/api/src/simulator/scenarios.ts). */
export interface SimEvent {
  event: string;
  at: string;
  scenario?: string;
  /** The sensor's code. */
  sensor?: string;
  /** The city, or the enterprise it watches. */
  place?: string;
  level?: string;
  value?: number;
  threshold?: number;
  unit?: string;
  message: string;
}

export interface SimulatorRun {
  /** The first event that matches, printed already or yet to come. */
  waitFor(what: string, match: (e: SimEvent) => boolean, timeoutMs?: number): Promise<SimEvent>;
  /** The exit code once it has ended (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** Everything it has printed, for failure messages. */
  output(): string;
  /** Ends it unless it has ended already. */
  stop(): Promise<void>;
}

/**
 * Runs the real simulator CLI against the scenario's server, as an operator would (`pnpm simulate`):
 * it signs in as the national administrator over HTTP and publishes readings to the server's own
 * MQTT broker, which it finds from the server's health.
 */
export function runSimulator(baseURL: string, args: string[]): SimulatorRun {
  const env = { ...process.env };
  // A broker set for some other purpose in the caller's shell must not take the readings elsewhere.
  delete env.MQTT_URL;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/simulator/cli.ts',
      ...['--url', baseURL, '--user', 'admin', '--password', DEMO_PASSWORD, '--json'],
      ...args,
    ],
    { cwd: API_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const events: SimEvent[] = [];
  const lines: string[] = [];
  let stderr = '';
  let ended: string | null = null;
  const waiters = new Set<{ match: (e: SimEvent) => boolean; resolve(e: SimEvent): void; fail(): void }>();
  const output = () => `stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`;

  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    let event: SimEvent;
    try {
      event = JSON.parse(line) as SimEvent;
    } catch {
      return;
    }
    events.push(event);
    for (const w of waiters) if (w.match(event)) w.resolve(event);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      stderr += `${error.stack ?? error.message}\n`;
    });
    child.on('close', (code, signal) => {
      ended = signal ? `was ended by ${signal}` : `exited with ${code}`;
      for (const w of waiters) w.fail();
      resolve(code);
    });
  });

  return {
    waitFor(what, match, timeoutMs = 60_000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<SimEvent>((resolve, reject) => {
        const waiter = {
          match,
          resolve(e: SimEvent) {
            settle();
            resolve(e);
          },
          fail() {
            settle();
            reject(new Error(`the simulator ${ended} before ${what}\n${output()}`));
          },
        };
        const timer = setTimeout(() => {
          settle();
          reject(new Error(`no ${what} from the simulator within ${timeoutMs} ms\n${output()}`));
        }, timeoutMs);
        const settle = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        if (ended) waiter.fail();
        else waiters.add(waiter);
      });
    },
    exited,
    output,
    async stop() {
      if (ended) return;
      // SIGTERM lets it revoke the gateway token it made and sign out; SIGKILL if it hangs.
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(late);
    },
  };
}
