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
  const cutoff = (days: number) => new Date(options.now - days * 86_400_000).toISOString();
  const raw =
    policy.rawDays > 0
      ? await deleteInBatches(
          sql,
          `DELETE FROM sensor_reading r
            USING (SELECT sensor_id, ts FROM sensor_reading WHERE ts < $1 LIMIT $2) old
            WHERE r.sensor_id = old.sensor_id AND r.ts = old.ts`,
          cutoff(policy.rawDays),
          batch,
        )
      : 0;
  const hourly =
    policy.aggregateDays > 0
      ? await deleteInBatches(
          sql,
          `DELETE FROM sensor_reading_hourly h
            USING (SELECT sensor_id, hour FROM sensor_reading_hourly WHERE hour < $1 LIMIT $2) old
            WHERE h.sensor_id = old.sensor_id AND h.hour = old.hour`,
          cutoff(policy.aggregateDays),
          batch,
        )
      : 0;
  return { raw, hourly };
}

async function deleteInBatches(sql: SqlClient, del: string, cutoff: string, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await sql.query<{ n: number }>(
      `WITH gone AS (${del} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [cutoff, batch],
    );
    const n = row?.n ?? 0;
    total += n;
    if (n < batch) return total;
    // Let waiting queries (ingest) in between batches: the embedded database runs one at a time.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
