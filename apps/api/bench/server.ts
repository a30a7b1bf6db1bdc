import type { ChildProcess } from 'node:child_process';
import { runApi, waitHealthy } from '../support/api-process.js';

/**
 * The real API as a separate process, for the benchmarks: what gateways and browsers talk to in
 * production, with its own event loop and its embedded database (or `env`'s DATABASE_URL).
 */
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
  const run = runApi(
    {
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      MQTT_PORT: String(options.mqttPort),
      MQTT_URL: '',
      ONEMAP_SEED_SCALE: String(options.scale ?? 0.1),
      ONEMAP_DEMO_PASSWORD: DEMO_PASSWORD,
      ...options.env,
    },
    'pass',
  );
  // Seeding 10× scale takes minutes; a start that fails says so at once.
  await waitHealthy(options.port, 30 * 60_000, run);
  return {
    url: `http://127.0.0.1:${options.port}`,
    mqttUrl: options.mqttPort > 0 ? `mqtt://127.0.0.1:${options.mqttPort}` : null,
    child: run.child,
    startMs: Math.round(performance.now() - t0),
    async stop() {
      run.child.kill('SIGTERM');
      await run.exit;
    },
  };
}
