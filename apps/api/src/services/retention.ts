import type { SqlClient } from '@onemap/prisma';
import { oldestUnrolled } from './reading-rollup.js';

/**
 * Retention of readings: raw readings older than `rawDays` and hourly aggregates older than
 * `aggregateDays` are deleted (0 keeps them for ever). Deletes go in batches of `batch` rows, each
 * its own short statement found through the BRIN index on time, so ingest is never held up behind
 * one long delete and a large backlog (retention switched on for the first time) drains in steps.
 * Raw readings of hours not yet rolled up into aggregates are kept whatever their age.
 */
export interface RetentionPolicy {
  rawDays: number;
  aggregateDays: number;
}

export async function pruneReadings(
  sql: SqlClient,
  policy: RetentionPolicy,
  options: { now: number; batch?: number },
): Promise<{ raw: number; hourly: number }> {
  const batch = options.batch ?? 5000;
  const before = (days: number) => new Date(options.now - days * 86_400_000);
  // Raw readings the roll-up has not aggregated yet are the only record of their hours.
  const unrolled = policy.rawDays > 0 ? await oldestUnrolled(sql) : null;
  const rawCutoff = unrolled && unrolled < before(policy.rawDays) ? unrolled : before(policy.rawDays);
  return {
    raw: policy.rawDays > 0 ? await deleteOlder(sql, 'sensor_reading', 'ts', rawCutoff, batch) : 0,
    hourly:
      policy.aggregateDays > 0
        ? await deleteOlder(sql, 'sensor_reading_hourly', 'hour', before(policy.aggregateDays), batch)
        : 0,
  };
}

/** Deletes the rows of a per-sensor time table from before `cutoff`, `batch` rows a statement. */
async function deleteOlder(
  sql: SqlClient,
  table: string,
  timeColumn: string,
  cutoff: Date,
  batch: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await sql.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM ${table} t
          USING (SELECT sensor_id, ${timeColumn} FROM ${table} WHERE ${timeColumn} < $1 LIMIT $2) old
          WHERE t.sensor_id = old.sensor_id AND t.${timeColumn} = old.${timeColumn}
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff.toISOString(), batch],
    );
    const n = row?.n ?? 0;
    total += n;
    if (n < batch) return total;
    // Let waiting queries (ingest) in between batches: the embedded database runs one at a time.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
