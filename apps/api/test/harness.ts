import type { Database } from '@onemap/prisma';
import { seedIfEmpty } from '@onemap/prisma';
import { createTestDatabase } from '@onemap/prisma/testing';
import { createServer, type OneMapServer } from '../src/server.js';

/** A fixed clock so seeded times (and so tests) do not depend on when they run. */
export const SEED_NOW = new Date('2026-11-01T00:00:00Z');
export const TEST_SCALE = 0.02;

export interface Harness {
  server: OneMapServer;
  db: Database;
  close(): Promise<void>;
}

/** The real API (fastify + tRPC + services) over a seeded database of the engine under test. */
export async function startHarness(): Promise<Harness> {
  const db = await createTestDatabase((fresh) =>
    seedIfEmpty(fresh, { scale: TEST_SCALE, now: SEED_NOW }).then(() => undefined),
  );
  const server = await createServer({ webDist: '/nonexistent', version: 'test', logLevel: 'silent' });
  server.ready({ db, version: 'test' });
  await server.app.ready();
  return {
    server,
    db,
    async close() {
      await server.app.close();
      await db.close();
    },
  };
}

/** Calls a tRPC query the way the web client does (GET with JSON input). */
export async function trpcQuery(h: Harness, path: string, input?: unknown) {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await h.server.app.inject({ method: 'GET', url: `/trpc/${path}${query}` });
  return {
    status: res.statusCode,
    body: res.json() as {
      result?: { data: unknown };
      error?: {
        message: string;
        data: { code: string; httpStatus: number; fields?: Array<{ path: string }> };
      };
    },
  };
}
