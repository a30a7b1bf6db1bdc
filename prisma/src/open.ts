import { access, constants, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/client.js';
import { migrate } from './migrate.js';
import { type Notifications, postgresNotifications } from './notifications.js';
import { type ReplicaRoutingOptions, routeReads, trackWrites } from './routing.js';
import { pgliteSql, poolSql, type SqlClient } from './sql.js';

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string; openTimeoutMs?: number }
  /** An in-memory PGlite, optionally started from a dumped data dir (tests build one template). */
  | { kind: 'pglite-memory'; loadDataDir?: Blob }
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** Streaming replicas for the reads that tolerate lag (`Database.read`). */
      replicaUrls?: readonly string[];
      replicaRouting?: ReplicaRoutingOptions;
    };

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: InstanceType<typeof PrismaClient>;
  /** The primary: every write, and every read that must see the latest commit. */
  readonly sql: SqlClient;
  /** Reads that tolerate replication lag: a replica when there is one (see routing.ts). */
  readonly read: SqlClient;
  readonly replicas: number;
  /** Between processes sharing a PostgreSQL server; absent embedded, where there is one process. */
  readonly notifications?: Notifications;
  /** For PGlite only: dump the whole data dir (used to build test templates). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

/** A failure a person can fix (bad path, bad URL, data dir in use): reported as one line, no stack. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  switch (config.kind) {
    case 'pglite':
      return openPglite(config.dataDir, config.openTimeoutMs ?? 180_000);
    case 'pglite-memory': {
      const db = await PGlite.create({
        extensions: { postgis },
        ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
      });
      return wrapPglite(db);
    }
    case 'postgres':
      return openPostgres(config);
  }
}

/** Opens, migrates; the caller seeds. */
export async function openAndMigrate(config: DatabaseConfig): Promise<{ db: Database; applied: string[] }> {
  const db = await openDatabase(config);
  try {
    const { applied } = await migrate(db.sql);
    return { db, applied };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function openPglite(dataDir: string, timeoutMs: number): Promise<Database> {
  await prepareDataDir(dataDir);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new DatabaseOpenError(`opening the database in ${dataDir} took over ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    const db = await Promise.race([PGlite.create(dataDir, { extensions: { postgis } }), timeout]);
    return wrapPglite(db);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks the data dir is usable before PGlite touches it, so a mistake is one clear line. PGlite
 * leaves `postmaster.pid` behind when its process is killed; a live owner means the dir is in use
 * (two writers would corrupt it), a dead one means a crash we can recover from by removing it.
 */
async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK | constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DatabaseOpenError(`DATA_DIR ${dataDir} is not a writable directory (${code})`);
  }
  const lockFile = join(dataDir, 'onemap.lock');
  const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new DatabaseOpenError(`DATA_DIR ${dataDir} is in use by process ${owner}`);
  }
  await rm(join(dataDir, 'postmaster.pid'), { force: true });
  await writeFile(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function wrapPglite(db: PGlite): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  const sql = pgliteSql(db);
  let closed = false;
  return {
    kind: 'pglite',
    prisma,
    sql,
    read: sql,
    replicas: 0,
    dump: () => db.dumpDataDir('gzip') as Promise<Blob>,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await db.close();
      const dataDir = db.dataDir;
      if (dataDir && !dataDir.startsWith('memory://')) {
        await rm(join(dataDir, 'onemap.lock'), { force: true });
      }
    },
  };
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Promise<Database> {
  const parsed = postgresUrl(config.url, 'DATABASE_URL');
  const replicaUrls = config.replicaUrls ?? [];
  for (const [i, url] of replicaUrls.entries()) postgresUrl(url, `DATABASE_REPLICA_URLS[${i}]`);
  const pool = newPool(config.url, config.poolSize ?? 10);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as Error).message.split('\n')[0];
    throw new DatabaseOpenError(`cannot connect to DATABASE_URL ${redact(parsed)}: ${reason}`);
  }
  // A replica that is down at start is not fatal: its reads go to the primary until it answers.
  const replicaPools = replicaUrls.map((url) => newPool(url, config.poolSize ?? 10));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const primary = poolSql(pool);
  const sql = replicaPools.length > 0 ? trackWrites(primary) : primary;
  let closed = false;
  return {
    kind: 'postgres',
    prisma,
    sql,
    read:
      replicaPools.length > 0
        ? routeReads(primary, replicaPools.map(poolSql), config.replicaRouting)
        : primary,
    replicas: replicaPools.length,
    notifications: postgresNotifications(config.url, pool),
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await Promise.all([pool, ...replicaPools].map((p) => p.end()));
    },
  };
}

function postgresUrl(url: string, name: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseOpenError(`${name} is not a valid URL`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new DatabaseOpenError(`${name} must start with postgresql:// (got ${parsed.protocol}//)`);
  }
  return parsed;
}

function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle client's network error would otherwise be an unhandled 'error' event and kill the process.
  pool.on('error', () => undefined);
  return pool;
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}
