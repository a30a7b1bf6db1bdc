import type { Principal } from '@onemap/domain';
import { type Database, openDatabase, seedIfEmpty } from '@onemap/prisma';
import { createTestDatabase, testEngine } from '@onemap/prisma/testing';
import { OperationsBus } from '../src/events/operations.js';
import { SensorChangeBus } from '../src/events/sensor-changes.js';
import { appRouter } from '../src/router.js';
import { createServer, type OneMapServer } from '../src/server.js';
import { IngestStatsRecorder } from '../src/services/ingest-stats.js';
import { defaultAuthPolicy } from '../src/services/sessions.js';
import { seedDemoUsers } from '../src/services/users.js';

/** A fixed clock so seeded times (and so tests) do not depend on when they run. */
export const SEED_NOW = new Date('2026-11-01T00:00:00Z');
export const TEST_SCALE = 0.02;
export const TEST_PASSWORD = 'onemap-test-password';

export interface Harness {
  server: OneMapServer;
  db: Database;
  events: SensorChangeBus;
  operations: OperationsBus;
  ingestStats: IngestStatsRecorder;
  /** A bearer token for a demo user (signed in once per harness, unless `fresh`). */
  tokenFor(username: string, fresh?: boolean): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real API (fastify + tRPC + services) over a seeded database of the engine under test. With
 * `readReplica` (PostgreSQL only) its lag-tolerant reads go to a second database, migrated but
 * empty: a replica infinitely behind, so where a read went shows in what it returns.
 */
export async function startHarness(
  options: { lockBaseMs?: number; readReplica?: boolean } = {},
): Promise<Harness> {
  const primary = await createTestDatabase(async (fresh) => {
    await seedIfEmpty(fresh, { scale: TEST_SCALE, now: SEED_NOW });
    await seedDemoUsers(fresh.sql, TEST_PASSWORD);
  });
  if (options.readReplica && testEngine !== 'postgres') throw new Error('read replicas need PostgreSQL');
  const replica = options.readReplica ? await createTestDatabase() : null;
  const db = replica
    ? await openDatabase({
        kind: 'postgres',
        url: primary.url as string,
        replicaUrls: [replica.url as string],
        poolSize: 4,
      })
    : primary;
  const server = await createServer({
    webDist: '/nonexistent',
    version: 'test',
    logLevel: 'silent',
    auth: { ...defaultAuthPolicy, lockBaseMs: options.lockBaseMs ?? defaultAuthPolicy.lockBaseMs },
    rateLimits: { anonymous: 100_000, authenticated: 100_000, login: 100_000 },
  });
  const events = new SensorChangeBus();
  const operations = new OperationsBus();
  const ingestStats = new IngestStatsRecorder();
  server.ready({ db, version: 'test', events, operations, ingestStats });
  await server.app.ready();
  const tokens = new Map<string, string>();
  return {
    server,
    db,
    events,
    operations,
    ingestStats,
    async tokenFor(username, fresh = false) {
      const known = tokens.get(username);
      if (known && !fresh) return known;
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      if (res.statusCode !== 200)
        throw new Error(`sign-in as ${username} failed: ${res.statusCode} ${res.body}`);
      const token = (res.json() as { token: string }).token;
      if (!fresh) tokens.set(username, token);
      return token;
    },
    async close() {
      await server.app.close();
      await db.close();
      if (replica) await Promise.all([primary.close(), replica.close()]);
    },
  };
}

export interface TrpcResponse {
  status: number;
  body: {
    result?: { data: unknown };
    error?: { message: string; data: { code: string; httpStatus: number; fields?: Array<{ path: string }> } };
  };
}

/** Calls a tRPC query the way the web client does (GET with JSON input), as `token`'s holder. */
export async function trpcQuery(
  h: Harness,
  path: string,
  input?: unknown,
  token?: string,
): Promise<TrpcResponse> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await h.server.app.inject({
    method: 'GET',
    url: `/trpc/${path}${query}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.statusCode, body: res.json() };
}

export async function trpcMutation(
  h: Harness,
  path: string,
  input: unknown,
  token?: string,
): Promise<TrpcResponse> {
  const res = await h.server.app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    payload: input === undefined ? '' : JSON.stringify(input),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.statusCode, body: res.json() };
}

/** The router called in-process as `principal`, over the harness's database and buses (subscriptions). */
export function callerFor(h: Harness, principal: Principal, signal?: AbortSignal) {
  return appRouter.createCaller(
    {
      db: h.db,
      version: 'test',
      events: h.events,
      operations: h.operations,
      ingestStats: h.ingestStats,
      principal,
      ip: null,
      secret: null,
    },
    { signal },
  );
}
