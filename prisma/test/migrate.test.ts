import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../src/migrate.js';
import type { Database } from '../src/open.js';
import { createBlankDatabase, testEngine } from '../src/testing.js';

describe(`migrator on ${testEngine}`, () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('applies every migration once, records it like Prisma, and is a no-op the second time', async () => {
    db = await createBlankDatabase();
    const all = await readMigrations();
    expect(all.length).toBeGreaterThan(0);
    const first = await migrate(db.sql);
    expect(first.applied).toEqual(all.map((m) => m.name));
    const second = await migrate(db.sql);
    expect(second.applied).toEqual([]);
    const recorded = await db.sql.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(recorded).toEqual(all.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    const [postgis] = await db.sql.query<{ v: string }>('SELECT postgis_lib_version() AS v');
    expect(postgis?.v).toMatch(/^3\./);
  }, 120_000);

  it('refuses to start when an applied migration was edited afterwards', async () => {
    db = await createBlankDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'onemap-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(db.sql, dir);
    const [first] = await readMigrations(dir);
    await writeFile(join(dir, first?.name ?? '', 'migration.sql'), `${first?.sql}\n-- edited\n`);
    await expect(migrate(db.sql, dir)).rejects.toThrow(/changed after it was applied/);
  }, 120_000);

  it('rolls back a failing migration whole, leaving nothing half-applied', async () => {
    db = await createBlankDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'onemap-migrations-'));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(db.sql, dir);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, '99990101000000_broken'));
    await writeFile(
      join(dir, '99990101000000_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT no_such_function();',
    );
    await expect(migrate(db.sql, dir)).rejects.toThrow();
    const tables = await db.sql.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(tables).toEqual([]);
    const recorded = await db.sql.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name LIKE '%broken'`,
    );
    expect(recorded).toEqual([]);
  }, 120_000);
});
