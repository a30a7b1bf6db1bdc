import type { SqlClient } from '@onemap/prisma';
import type { RegionalSensorChange } from '../events/sensor-changes.js';

/**
 * The offline sweep: every sensor silent for longer than its window (sampling interval × missed
 * intervals) becomes 'offline' and gets one open offline alarm; the next reading restores it
 * (services/readings.ts). One statement, whatever the number of sensors:
 *
 * - `windows` walks the distinct silence windows on `sensor_silence_idx` (a loose index scan: one
 *   probe per distinct window, a handful in practice);
 * - `silent` takes, per window, the sensors still online whose last reading is older than the
 *   window. The index does not hold last_reading_at on purpose (see migration
 *   20261125330000_sensor_hot_updates): every reading moves it, and an indexed column moving makes
 *   every index of the table take a new entry. So the sweep reads the online sensors (measured on
 *   PostgreSQL at 1,000,000 sensors: 0.46–0.48 s, 0.75 s when marking 1,000), and each reading is
 *   written for much less. Rows another transaction is writing (a reading arriving right now) are
 *   skipped: the sweep never waits on ingest, nor deadlocks with it;
 * - the sensors are marked and their alarms raised in the same statement.
 *
 * After a start, a sensor not heard since has `graceMs` to reconnect before its silence counts (a
 * restart must not turn the whole network grey); one heard since the start is judged as usual. A
 * sensor that never reported (no last reading) is not judged: it has not been commissioned.
 */
export async function sweepOffline(
  sql: SqlClient,
  options: { now: number; startedAt: number; graceMs: number },
): Promise<RegionalSensorChange[]> {
  // Windows shorter than this have passed since the grace ended: any sensor silent that long counts.
  const sinceGraceS = Math.floor((options.now - options.startedAt - options.graceMs) / 1000);
  const rows = await sql.query<{
    id: number;
    code: string;
    region_code: string;
    last_value: number | null;
    last_reading_at: Date;
  }>(
    `WITH RECURSIVE windows(s) AS (
       (SELECT sampling_interval_s * offline_after_intervals FROM sensor
         WHERE state <> 'offline' ORDER BY 1 LIMIT 1)
       UNION ALL
       SELECT (SELECT sampling_interval_s * offline_after_intervals FROM sensor
                WHERE state <> 'offline' AND sampling_interval_s * offline_after_intervals > w.s
                ORDER BY 1 LIMIT 1)
         FROM windows w WHERE w.s IS NOT NULL
     ),
     silent AS (
       SELECT silent.id FROM windows w CROSS JOIN LATERAL (
         SELECT s.id FROM sensor s
          WHERE s.state <> 'offline' AND s.sampling_interval_s * s.offline_after_intervals = w.s
            AND s.last_reading_at < $1::timestamptz - make_interval(secs => w.s)
            AND s.last_reading_at >= CASE WHEN w.s < $2 THEN '-infinity' ELSE $3::timestamptz END
          FOR NO KEY UPDATE SKIP LOCKED
       ) silent
        WHERE w.s IS NOT NULL
     ),
     marked AS (
       -- By primary key: joined to the CTE, the planner would guess thousands and scan the table.
       UPDATE sensor s SET state = 'offline' WHERE s.id = ANY(ARRAY(SELECT id FROM silent))
       RETURNING s.id, s.code, s.region_code, s.last_value, s.last_reading_at
     ),
     raised AS (
       INSERT INTO alarm (sensor_id, rule, level, raised_at)
       SELECT id, 'offline', 'warning', $1::timestamptz FROM marked
       ON CONFLICT (sensor_id, rule) WHERE state <> 'cleared' DO NOTHING
     )
     SELECT * FROM marked`,
    [new Date(options.now).toISOString(), sinceGraceS, new Date(options.startedAt).toISOString()],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    regionCode: r.region_code,
    state: 'offline',
    lastValue: r.last_value,
    lastReadingAt: new Date(r.last_reading_at).toISOString(),
    alarmsMoved: true,
  }));
}
