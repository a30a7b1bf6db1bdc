import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

/**
 * The one SQL surface OneMap uses besides the Prisma client: migrations, bulk seed inserts and
 * PostGIS queries. Both engines speak the same PostgreSQL dialect; this hides only how they are
 * reached (in-process WASM or a connection pool).
 */
export interface SqlClient {
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  /** Runs fn in one transaction; rolls back if it throws. */
  transaction<R>(fn: (tx: SqlClient) => Promise<R>): Promise<R>;
}

export function pgliteSql(db: PGlite | Transaction): SqlClient {
  return {
    async query(text, params) {
      const result = await db.query(text, params as unknown[]);
      return result.rows as never;
    },
    async exec(script) {
      await db.exec(script);
    },
    async transaction(fn) {
      if (!('transaction' in db)) return fn(pgliteSql(db));
      return db.transaction((tx) => fn(pgliteSql(tx)));
    },
  };
}

export function poolSql(pool: pg.Pool | pg.PoolClient): SqlClient {
  return {
    async query(text, params) {
      const result = await pool.query(text, params as unknown[]);
      return result.rows;
    },
    async exec(script) {
      await pool.query(script);
    },
    async transaction(fn) {
      if (!('connect' in pool) || !('totalCount' in pool)) return fn(poolSql(pool));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(poolSql(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
