import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/open.js';
import { inReadScope, isWrite } from '../src/routing.js';
import { createBlankDatabase, type TestDatabase, testEngine } from '../src/testing.js';

describe('what counts as a write', () => {
  it.each([
    ['SELECT 1', false],
    ['  select * from sensor where updated_at > now()', false],
    ['WITH x AS (SELECT 1) SELECT * FROM x', false],
    ['INSERT INTO t VALUES (1)', true],
    ['update sensor set state = $1', true],
    ['WITH stored AS (INSERT INTO sensor_reading SELECT 1 RETURNING *) SELECT 1', true],
    ['WITH gone AS (DELETE FROM t RETURNING id) SELECT count(*) FROM gone', true],
    ['CREATE TABLE t (id int)', true],
    ['VACUUM', true],
  ])('%s → %s', (text, write) => {
    expect(isWrite(text)).toBe(write);
  });
});

/**
 * Read routing against two real PostgreSQL databases: the "replica" is a database of its own
 * whose rows differ from the primary's, so where each read went shows in what it returns (a
 * replica infinitely behind, the worst lag there is).
 */
describe.runIf(testEngine === 'postgres')('read routing with a replica', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let db: Database;
  const downs: number[] = [];

  beforeAll(async () => {
    primary = await createBlankDatabase();
    replica = await createBlankDatabase();
    await primary.sql.exec("CREATE TABLE marker (v text); INSERT INTO marker VALUES ('primary')");
    await replica.sql.exec("CREATE TABLE marker (v text); INSERT INTO marker VALUES ('replica')");
    db = await openDatabase({
      kind: 'postgres',
      url: primary.url as string,
      replicaUrls: [replica.url as string],
      replicaRouting: { onReplicaDown: (index) => downs.push(index) },
    });
  });
  afterAll(async () => {
    await db?.close();
    await primary?.close();
    await replica?.close();
  });

  const where = async () =>
    (await db.read.query<{ v: string }>('SELECT v FROM marker ORDER BY v LIMIT 1'))[0]?.v;

  it('sends a lag-tolerant read to the replica, and an explicit one to the primary', async () => {
    expect(db.replicas).toBe(1);
    expect(await where()).toBe('replica');
    expect((await db.sql.query<{ v: string }>('SELECT v FROM marker'))[0]?.v).toBe('primary');
  });

  it('reads its own write: after a write in a scope, its reads go to the primary', async () => {
    await inReadScope({ wrote: false }, async () => {
      expect(await where()).toBe('replica');
      await db.sql.query("INSERT INTO marker VALUES ('written')");
      const seen = await db.read.query<{ v: string }>('SELECT v FROM marker ORDER BY v');
      expect(seen.map((r) => r.v)).toEqual(['primary', 'written']);
    });
    // Another scope (another request) that wrote nothing reads the replica again.
    await inReadScope({ wrote: false }, async () => expect(await where()).toBe('replica'));
  });

  it('a transaction counts as a write, and a client that wrote recently reads the primary', async () => {
    await inReadScope({ wrote: false }, async () => {
      await db.sql.transaction(async (tx) => tx.query('SELECT 1'));
      expect(await where()).toBe('primary');
    });
    await inReadScope({ wrote: false, wroteRecently: true }, async () =>
      expect(await where()).toBe('primary'),
    );
  });

  it('a wrong query fails from the replica as it would anywhere; nothing falls back', async () => {
    await expect(db.read.query('SELECT no_such_column FROM marker')).rejects.toThrow(/no_such_column/);
    expect(downs).toEqual([]);
  });

  it('a replica that does not answer is skipped: the read goes to the primary', async () => {
    const unreachable = await openDatabase({
      kind: 'postgres',
      url: primary.url as string,
      replicaUrls: ['postgresql://postgres@127.0.0.1:1/none'],
      replicaRouting: { onReplicaDown: (index) => downs.push(index) },
    });
    try {
      const rows = await unreachable.read.query<{ v: string }>('SELECT v FROM marker ORDER BY v LIMIT 1');
      expect(rows[0]?.v).toBe('primary');
      expect(downs).toEqual([0]);
      // Marked down: the next read does not wait for the dead replica again.
      await unreachable.read.query('SELECT 1');
      expect(downs).toEqual([0]);
    } finally {
      await unreachable.close();
    }
  });

  it('refuses a replica URL that is not PostgreSQL, naming it', async () => {
    await expect(
      openDatabase({ kind: 'postgres', url: primary.url as string, replicaUrls: ['mysql://x'] }),
    ).rejects.toThrow('DATABASE_REPLICA_URLS[0] must start with postgresql:// (got mysql://)');
  });
});
