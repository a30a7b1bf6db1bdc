import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** Everything OneMap reads from the environment, validated once at start. */
export const configSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().trim().min(1).optional(),
  ONEMAP_DEMO: z.enum(['0', '1']).optional(),
  ONEMAP_SEED_SCALE: z.coerce.number().positive().max(10).default(1),
  /** The embedded MQTT broker's port; 0 turns it off. 1883 is often taken by a system broker. */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1884),
  ONEMAP_DEMO_PASSWORD: z.string().min(8).default('onemap-demo'),
  ONEMAP_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  ONEMAP_RATE_LIMIT_ANONYMOUS: z.coerce.number().int().positive().default(600),
  ONEMAP_RATE_LIMIT_LOGIN: z.coerce.number().int().positive().default(20),
  ONEMAP_WEB_DIST: z.string().optional(),
  ONEMAP_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  /** Seed the demo data when the database is empty. */
  demo: boolean;
  seedScale: number;
  demoPassword: string;
  mqttPort: number;
  sessionHours: number;
  rateLimits: { anonymous: number; authenticated: number; login: number };
  webDist: string;
  logLevel: z.infer<typeof configSchema>['ONEMAP_LOG_LEVEL'];
}

export function loadConfig(env: NodeJS.ProcessEnv, defaultWebDist: string): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: resolve(e.DATA_DIR) } as const);
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    // Embedded mode is a demo out of the box; against a real server demo data needs an explicit yes.
    demo: database.kind === 'pglite' ? e.ONEMAP_DEMO !== '0' : e.ONEMAP_DEMO === '1',
    seedScale: e.ONEMAP_SEED_SCALE,
    demoPassword: e.ONEMAP_DEMO_PASSWORD,
    mqttPort: e.MQTT_PORT,
    sessionHours: e.ONEMAP_SESSION_HOURS,
    rateLimits: {
      anonymous: e.ONEMAP_RATE_LIMIT_ANONYMOUS,
      authenticated: 30_000,
      login: e.ONEMAP_RATE_LIMIT_LOGIN,
    },
    webDist: resolve(e.ONEMAP_WEB_DIST ?? defaultWebDist),
    logLevel: e.ONEMAP_LOG_LEVEL,
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
