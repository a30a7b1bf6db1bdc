import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { MonitoringJobsConfig } from './jobs/monitoring.js';
import { DEFAULT_CONNECTIONS } from './mqtt/external.js';

const port = z.coerce.number().int().min(1).max(65535);

/** Everything OneMap reads from the environment, validated once at start. */
export const configSchema = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().trim().min(1).optional(),
  /** Read replicas of DATABASE_URL, comma-separated, for the reads that tolerate lag. */
  DATABASE_REPLICA_URLS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u.length > 0),
    ),
  ONEMAP_DEMO: z.enum(['0', '1']).optional(),
  ONEMAP_SEED_SCALE: z.coerce.number().positive().max(10).default(1),
  /** The embedded MQTT broker's port; 0 turns it off. 1883 is often taken by a system broker. */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1884),
  /** An external broker to subscribe to instead of running the embedded one. */
  MQTT_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({
        protocol: /^(mqtts?|tcp|ssl|wss?)$/,
        error: 'must be an mqtt://, mqtts://, ws:// or wss:// URL',
      })
      .optional(),
  ),
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  /**
   * The persistent session's id at the external broker: stable across restarts and different for
   * each replica (two clients with one id take the session from each other). The host name is
   * both where each replica runs on a machine or pod of its own with a stable name.
   */
  MQTT_CLIENT_ID: z
    .string()
    .min(1)
    .max(64)
    .default(() => `onemap-api-${hostname()}`.slice(0, 64)),
  /**
   * The shared subscription group (`$share/{group}/…`): the broker hands each message to one
   * replica of the group, so several replicas ingest it once. Empty subscribes plainly, for a
   * broker without shared subscriptions and a single replica.
   */
  MQTT_SHARED_GROUP: z
    .string()
    .regex(/^[^/+#]*$/, 'must not contain / or MQTT wildcards')
    .default('onemap'),
  /**
   * Members of the shared group each replica runs: each holds one message at a time until it is
   * committed, so these many are committed together (see mqtt/external.ts). One when not shared.
   */
  MQTT_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(DEFAULT_CONNECTIONS),
  /** Topics are `{root}/sensors/{code}/readings` on the external broker. */
  MQTT_TOPIC_ROOT: z
    .string()
    .regex(/^[^+#]+$/, 'must not contain MQTT wildcards')
    .refine((root) => !root.endsWith('/'), 'must not end with /')
    .default('onemap'),
  /** Run the demo simulator inside the API, publishing readings for the seeded sensors. */
  ONEMAP_SIMULATE: z.enum(['0', '1']).optional(),
  ONEMAP_SIMULATE_RATE: z.coerce.number().positive().max(100_000).default(50),
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
  /** Seconds between offline sweeps; 0 turns offline detection off. */
  ONEMAP_OFFLINE_SWEEP_S: z.coerce.number().int().min(0).max(3600).default(30),
  /** After a start, silence counts only from this many seconds on (gateways reconnect meanwhile). */
  ONEMAP_OFFLINE_GRACE_S: z.coerce.number().int().min(0).max(86_400).default(600),
  /** Raw readings are kept this many days (hourly aggregates longer); 0 keeps them for ever. */
  ONEMAP_READING_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(30),
  ONEMAP_AGGREGATE_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(400),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; replicaUrls: string[] };
  /** Seed the demo data when the database is empty. */
  demo: boolean;
  seedScale: number;
  demoPassword: string;
  mqttPort: number;
  /** Subscribe to this broker instead of starting the embedded one. */
  mqttExternal: {
    url: string;
    username?: string;
    password?: string;
    clientId: string;
    topicRoot: string;
    /** Null subscribes plainly. */
    sharedGroup: string | null;
    /** Members of the shared group this replica runs. */
    connections: number;
  } | null;
  /** The in-process demo simulator and its cap in readings a second, or null when off. */
  simulate: { rate: number } | null;
  sessionHours: number;
  rateLimits: { anonymous: number; authenticated: number; login: number };
  webDist: string;
  logLevel: z.infer<typeof configSchema>['ONEMAP_LOG_LEVEL'];
  /** The offline sweep and readings retention (`jobs/monitoring.ts`). */
  monitoring: MonitoringJobsConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv, defaultWebDist: string): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`invalid ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  if (e.DATABASE_REPLICA_URLS.length > 0 && !e.DATABASE_URL)
    throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary)');
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL, replicaUrls: e.DATABASE_REPLICA_URLS } as const)
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
    mqttExternal: e.MQTT_URL
      ? {
          url: e.MQTT_URL,
          username: e.MQTT_USERNAME,
          password: e.MQTT_PASSWORD,
          clientId: e.MQTT_CLIENT_ID,
          topicRoot: e.MQTT_TOPIC_ROOT,
          sharedGroup: e.MQTT_SHARED_GROUP === '' ? null : e.MQTT_SHARED_GROUP,
          connections: e.MQTT_CONNECTIONS,
        }
      : null,
    simulate: e.ONEMAP_SIMULATE === '1' ? { rate: e.ONEMAP_SIMULATE_RATE } : null,
    sessionHours: e.ONEMAP_SESSION_HOURS,
    rateLimits: {
      anonymous: e.ONEMAP_RATE_LIMIT_ANONYMOUS,
      authenticated: 30_000,
      login: e.ONEMAP_RATE_LIMIT_LOGIN,
    },
    webDist: resolve(e.ONEMAP_WEB_DIST ?? defaultWebDist),
    logLevel: e.ONEMAP_LOG_LEVEL,
    monitoring: {
      offlineSweepS: e.ONEMAP_OFFLINE_SWEEP_S,
      offlineGraceS: e.ONEMAP_OFFLINE_GRACE_S,
      retention: {
        rawDays: e.ONEMAP_READING_RETENTION_DAYS,
        aggregateDays: e.ONEMAP_AGGREGATE_RETENTION_DAYS,
      },
    },
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
