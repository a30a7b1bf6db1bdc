import type { SqlClient } from '@onemap/prisma';

/**
 * Retention of readings: raw readings older than `rawDays` and hourly aggregates older than
 * `aggregateDays` are deleted (0 keeps them for ever). Deletes go in batches of `batch` rows, each
 * its own short statement found through the BRIN index on time, so ingest is never held up behind
 * one long delete and a large backlog (retention switched on for the first time) drains in steps.
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
  const prune = (table: string, timeColumn: string, days: number) =>
    days > 0 ? deleteOlder(sql, table, timeColumn, new Date(options.now - days * 86_400_000), batch) : 0;
  return {
    raw: await prune('sensor_reading', 'ts', policy.rawDays),
    hourly: await prune('sensor_reading_hourly', 'hour', policy.aggregateDays),
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
