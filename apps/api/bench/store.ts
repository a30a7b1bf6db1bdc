import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '@onemap/prisma';

/**
 * Where a bench keeps its databases: one seeded `template` and fresh copies of it, so that every
 * way of doing the same work starts from the same data. Embedded: data dirs in a temporary folder.
 * PostgreSQL: databases on ONEMAP_BENCH_PG_URL's server, copied with CREATE DATABASE … TEMPLATE
 * (a file copy on the server, seconds even at 10× scale), all dropped by `cleanup()`. Embedded, the
 * template is a copy of ONEMAP_BENCH_SEEDED when the suite seeded one.
 */
export interface BenchStore {
  readonly kind: 'embedded' | 'postgres';
  /** What `startApi` needs to serve the named database. */
  server(name: string): { dataDir: string; env?: Record<string, string> };
  /** A fresh copy of `template` under `name` (the server using either must be stopped). */
  copy(name: string): Promise<void>;
  open(name: string): Promise<Database>;
  cleanup(): Promise<void>;
}

/** A copy of an embedded data dir, not held by the process that made it. */
function copyDataDir(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  rmSync(join(to, 'onemap.lock'), { force: true });
}

export const PG_ADMIN_URL =
  process.env.ONEMAP_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function benchStore(kind: 'embedded' | 'postgres', bench: string): Promise<BenchStore> {
  const work = mkdtempSync(join(tmpdir(), `onemap-bench-${bench}-`));
  if (kind === 'embedded') {
    const dir = (name: string) => join(work, name);
    // A database the suite seeded once for several benches: the first start finds it seeded.
    const seeded = process.env.ONEMAP_BENCH_SEEDED;
    if (seeded) copyDataDir(seeded, dir('template'));
    return {
      kind,
      server: (name) => ({ dataDir: dir(name) }),
      async copy(name) {
        copyDataDir(dir('template'), dir(name));
      },
      open: (name) => openDatabase({ kind: 'pglite', dataDir: dir(name) }),
      async cleanup() {
        rmSync(work, { recursive: true, force: true });
      },
    };
  }
  const prefix = `onemap_bench_${bench}_`;
  const dbName = (name: string) => `${prefix}${name.replace(/\W/g, '_')}`;
  const url = (name: string) => {
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${dbName(name)}`;
    return u.toString();
  };
  const admin = await openDatabase({ kind: 'postgres', url: PG_ADMIN_URL, poolSize: 1 });
  const drop = (name: string) => admin.sql.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  // Databases a crashed run of this bench left behind.
  const left = await admin.sql.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${prefix}%`],
  );
  for (const { datname } of left) await drop(datname);
  await admin.sql.query(`CREATE DATABASE "${dbName('template')}"`);
  return {
    kind,
    server: (name) => ({ dataDir: join(work, 'unused'), env: { DATABASE_URL: url(name), ONEMAP_DEMO: '1' } }),
    async copy(name) {
      await drop(dbName(name));
      await admin.sql.query(`CREATE DATABASE "${dbName(name)}" TEMPLATE "${dbName('template')}"`);
    },
    open: (name) => openDatabase({ kind: 'postgres', url: url(name), poolSize: 2 }),
    async cleanup() {
      const all = await admin.sql.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${prefix}%`],
      );
      for (const { datname } of all) await drop(datname);
      await admin.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
