import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './migrate.js';
import { type Database, openDatabase } from './open.js';

/**
 * Test databases for both engines. `ONEMAP_TEST_DB=postgres` runs the same suites against the
 * PostgreSQL + PostGIS server at `ONEMAP_TEST_PG_URL` (a fresh database per call, dropped on close);
 * otherwise each call gets an in-memory PGlite started from a migrated template dumped once per
 * process, which takes seconds instead of the ~12 s of a fresh PostGIS instance.
 */
export type TestEngine = 'pglite' | 'postgres';

export const testEngine: TestEngine = process.env.ONEMAP_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const adminUrl = process.env.ONEMAP_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

let template: Promise<Blob> | null = null;

export type TestDatabase = Database & { url?: string };

/** An empty, unmigrated database of the engine under test. */
export async function createBlankDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') return openDatabase({ kind: 'pglite-memory' });
  return createPostgresDatabase();
}

/** A migrated database of the engine under test, optionally prepared (seeded) by `prepare`. */
export async function createTestDatabase(prepare?: (db: Database) => Promise<void>): Promise<TestDatabase> {
  if (testEngine === 'postgres') {
    const db = await createPostgresDatabase();
    await migrate(db.sql);
    if (prepare) await prepare(db);
    return db;
  }
  template ??= (async () => {
    const db = await openDatabase({ kind: 'pglite-memory' });
    await migrate(db.sql);
    if (prepare) await prepare(db);
    const dump = await (db.dump as () => Promise<Blob>)();
    await db.close();
    return dump;
  })();
  return openDatabase({ kind: 'pglite-memory', loadDataDir: await template });
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `onemap_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.href, poolSize: 4 });
  return {
    ...db,
    /** Where a child process (the API under test) can reach this database. */
    url: url.href,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
