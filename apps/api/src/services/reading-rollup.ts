import type { SqlClient } from '@onemap/prisma';

/**
 * The hourly aggregates of readings, made once per completed hour instead of by every ingest batch.
 *
 * Each sensor's `rolled_until` splits its hours: before it they are in sensor_reading_hourly (and a
 * reading of one arriving late is added there by ingest); from it on they are only raw readings
 * (and `hourlyReadings` aggregates them when asked). A roll-up moves sensors' `rolled_until` to
 * the start of the hour `graceMs` ago, aggregating their raw readings in between, in chunks of
 * `chunk` sensors. Each chunk is one transaction holding its sensors' row locks, the same locks
 * ingest takes: a batch storing readings of those sensors either committed before the aggregate was
 * read (so it is counted) or reads the new `rolled_until` after (so it adds to the hour itself).
 *
 * Several API replicas may roll up at once: a sensor another one has moved meanwhile no longer
 * matches and is skipped. The grace lets readings that are only a little late land before their
 * hour is aggregated, so that they take the cheap path.
 *
 * @example await rollUpReadings(db.sql, { now: Date.now() }) // → { sensors: 10000, hours: 10000 }
 */
export async function rollUpReadings(
  sql: SqlClient,
  options: { now: number; graceMs?: number; chunk?: number },
): Promise<{ sensors: number; hours: number }> {
  const until = new Date(rollUpUntil(options.now, options.graceMs)).toISOString();
  const chunk = options.chunk ?? 2000;
  let after = 0;
  const total = { sensors: 0, hours: 0 };
  for (;;) {
    const done = await sql.transaction(async (tx) => {
      const sensors = await tx.query<{ id: number; rolled_until: Date }>(
        `SELECT id, rolled_until FROM sensor
          WHERE id > $1 AND rolled_until < $2 ORDER BY id LIMIT $3 FOR NO KEY UPDATE`,
        [after, until, chunk],
      );
      if (sensors.length === 0) return null;
      const ids = sensors.map((s) => s.id);
      // Hours from `rolled_until` on hold only raw readings, so the aggregate replaces whatever row
      // an hour may have (one ingest kept up to date before roll-ups existed).
      const [hours] = await tx.query<{ n: number }>(
        `WITH rolled AS (
           INSERT INTO sensor_reading_hourly AS h (sensor_id, hour, count, sum, min, max)
           SELECT r.sensor_id, date_trunc('hour', r.ts, 'UTC'), count(*), sum(r.value), min(r.value), max(r.value)
             FROM unnest($1::int[], $2::timestamptz[]) AS s(id, since)
             JOIN sensor_reading r ON r.sensor_id = s.id AND r.ts >= s.since AND r.ts < $3
            GROUP BY 1, 2
           ON CONFLICT (sensor_id, hour) DO UPDATE
             SET count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM rolled`,
        [ids, sensors.map((s) => s.rolled_until), until],
      );
      await tx.query('UPDATE sensor SET rolled_until = $2 WHERE id = ANY($1::int[])', [ids, until]);
      return { sensors: sensors.length, hours: hours?.n ?? 0, last: ids[ids.length - 1] as number };
    });
    if (!done) return total;
    total.sensors += done.sensors;
    total.hours += done.hours;
    after = done.last;
  }
}

/** Readings up to this late still land before their hour is rolled up. */
const ROLLUP_GRACE_MS = 5 * 60_000;

/** Where a roll-up at `now` stops: the start of the hour `graceMs` ago (epoch ms). */
export function rollUpUntil(now: number, graceMs = ROLLUP_GRACE_MS): number {
  const t = now - graceMs;
  return t - (((t % 3600_000) + 3600_000) % 3600_000);
}

/**
 * The earliest `rolled_until` of any sensor: raw readings from it on are not aggregated yet, so
 * retention must not delete them (a roll-up that has not run for longer than raw readings are
 * kept would otherwise lose those hours).
 */
export async function oldestUnrolled(sql: SqlClient): Promise<Date | null> {
  const [row] = await sql.query<{ at: Date | null }>('SELECT min(rolled_until) AS at FROM sensor');
  return row?.at ? new Date(row.at) : null;
}
