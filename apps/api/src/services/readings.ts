import {
  type IngestRejection,
  type IngestResult,
  ingestReadingSchema,
  MAX_FUTURE_SKEW_MS,
  MAX_READING_AGE_MS,
  sensorKindDefaults,
  type TimedValue,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { RegionalSensorChange } from '../events/sensor-changes.js';
import { type RegionScope, scopePattern } from './scope.js';
import {
  type Judgement,
  type JudgingRow,
  judgeSensors,
  lockSensorsForJudging,
  type Verdict,
} from './sensor-judging.js';

export interface IngestOptions {
  now?: number;
  /** Called after commit with the sensors whose latest reading moved. */
  onChanges?: (changes: RegionalSensorChange[]) => void;
}

/**
 * Sensor readings in: validated per item, stored idempotently by (sensor, ts) together with their
 * hourly aggregates, and each sensor's latest value, state and alarms moved forward — all in one
 * transaction, so what the caller is told was accepted is on disk when the answer leaves. A sensor
 * outside the caller's region is refused as unknown (its existence is not the caller's business).
 *
 * A sensor is judged on the newest reading of a batch (thresholds, and the rate against the reading
 * before it); readings older than its latest are history only. The sensors of a batch are locked
 * in id order first, so concurrent batches for the same sensor judge one after the other.
 */
export async function ingestReadings(
  sql: SqlClient,
  items: readonly unknown[],
  scope: RegionScope,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const now = options.now ?? Date.now();
  const rejected: IngestRejection[] = [];
  const valid: Array<{ index: number; code: string; ts: string; value: number }> = [];
  items.forEach((raw, index) => {
    const parsed = ingestReadingSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ index, reason: `${issue?.path.join('.') || 'item'}: ${issue?.message}` });
      return;
    }
    const t = Date.parse(parsed.data.ts);
    if (t > now + MAX_FUTURE_SKEW_MS) rejected.push({ index, reason: 'ts: in the future' });
    else if (t < now - MAX_READING_AGE_MS) rejected.push({ index, reason: 'ts: older than a year' });
    else
      valid.push({
        index,
        code: parsed.data.sensorCode,
        ts: new Date(t).toISOString(),
        value: parsed.data.value,
      });
  });
  if (valid.length === 0) return { accepted: 0, rejected };

  const changes: RegionalSensorChange[] = [];
  const result = await sql.transaction(async (tx) => {
    const codes = [...new Set(valid.map((v) => v.code))];
    const sensors = await lockSensorsForJudging(tx, 's.code = ANY($1::text[]) AND s.region_code LIKE $2', [
      codes,
      scopePattern(scope),
    ]);
    const byCode = new Map(sensors.map((s) => [s.code, s]));
    const rows: Array<{ sensor: JudgingRow; ts: string; value: number }> = [];
    for (const v of valid) {
      const sensor = byCode.get(v.code);
      if (!sensor) {
        rejected.push({ index: v.index, reason: `sensorCode: unknown sensor ${v.code}` });
        continue;
      }
      // Outside what the instrument can read: a fault of the instrument, not a fact (see alarm-rules).
      const [min, max] = sensorKindDefaults[sensor.kind].physical;
      if (v.value < min || v.value > max) {
        rejected.push({
          index: v.index,
          reason: `value: ${v.value} is outside what a ${sensor.kind} sensor can read (${min}…${max})`,
        });
        continue;
      }
      rows.push({ sensor, ts: v.ts, value: v.value });
    }
    rejected.sort((a, b) => a.index - b.index);
    if (rows.length === 0) return { accepted: 0, rejected };

    await storeReadings(tx, rows);
    const verdicts = newestVerdicts(rows);
    const judgements = await judgeSensors(tx, verdicts, now);
    for (const v of verdicts) {
      const { state, alarmsMoved } = judgements.get(v.sensor.id) as Judgement;
      changes.push({
        id: v.sensor.id,
        code: v.sensor.code,
        regionCode: v.sensor.region_code,
        state,
        lastValue: v.latest.value,
        lastReadingAt: v.at,
        ...(alarmsMoved && { alarmsMoved: true }),
      });
    }
    // Every verdict's sensor is locked above and moves forward: what changed is known without
    // asking the database to send it back.
    await tx.query(
      `UPDATE sensor s SET last_value = u.value, last_reading_at = u.ts, state = u.state
         FROM unnest($1::int[], $2::timestamptz[], $3::float8[], $4::text[]) AS u(id, ts, value, state)
        WHERE s.id = u.id`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.lastReadingAt),
        changes.map((c) => c.lastValue),
        changes.map((c) => c.state),
      ],
    );
    return { accepted: rows.length, rejected };
  });
  options.onChanges?.(changes);
  return result;
}

/**
 * Stores readings; a reading already stored (same sensor and time: a message sent again) is left as
 * it is. Readings of hours the roll-up has already aggregated (before their sensor's
 * `rolled_until`: late ones, or history sent afterwards) are added to those hours here, each one
 * only if it was actually stored; the others wait for the roll-up (see reading-rollup).
 */
async function storeReadings(
  tx: SqlClient,
  rows: ReadonlyArray<StoredRow & { sensor: { rolled_until: Date } }>,
): Promise<void> {
  const current: StoredRow[] = [];
  const late: StoredRow[] = [];
  for (const r of rows) (Date.parse(r.ts) < r.sensor.rolled_until.getTime() ? late : current).push(r);
  if (current.length > 0) await insertReadings(tx, current);
  if (late.length > 0) await insertAndAggregate(tx, late);
}

/** A reading to store, of a sensor already known. */
type StoredRow = { sensor: { id: number }; ts: string; value: number };

const columns = (rows: readonly StoredRow[]) => [
  rows.map((r) => r.sensor.id),
  rows.map((r) => r.ts),
  rows.map((r) => r.value),
];

/**
 * A plain insert, and only when it meets a reading already stored the insert that skips those.
 * Checking every row for a conflict made the common case (nothing sent twice) a third slower;
 * the savepoint costs next to nothing, and a repeated message pays for the batch twice.
 */
async function insertReadings(tx: SqlClient, rows: readonly StoredRow[]): Promise<void> {
  const insert = `INSERT INTO sensor_reading (sensor_id, ts, value)
    SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::float8[])`;
  const params = columns(rows);
  await tx.query('SAVEPOINT store_readings');
  try {
    await tx.query(insert, params);
    await tx.query('RELEASE SAVEPOINT store_readings');
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT store_readings');
    await tx.query(`${insert} ON CONFLICT (sensor_id, ts) DO NOTHING`, params);
  }
}

const UNIQUE_VIOLATION = '23505';

/** Stores readings of aggregated hours and adds the ones actually stored to them, in one statement. */
async function insertAndAggregate(tx: SqlClient, rows: readonly StoredRow[]): Promise<void> {
  await tx.query(
    `WITH stored AS (
       INSERT INTO sensor_reading (sensor_id, ts, value)
       SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::float8[])
       ON CONFLICT (sensor_id, ts) DO NOTHING
       RETURNING sensor_id, ts, value
     )
     INSERT INTO sensor_reading_hourly AS h (sensor_id, hour, count, sum, min, max)
     SELECT sensor_id, date_trunc('hour', ts, 'UTC'), count(*), sum(value), min(value), max(value)
       FROM stored GROUP BY 1, 2
     ON CONFLICT (sensor_id, hour) DO UPDATE
       SET count = h.count + excluded.count, sum = h.sum + excluded.sum,
           min = least(h.min, excluded.min), max = greatest(h.max, excluded.max)`,
    columns(rows),
  );
}

/**
 * Per sensor, its newest reading in the batch when that is at least as new as the sensor's latest,
 * with the reading just before it (from the batch or the sensor's latest) to measure a rate.
 */
function newestVerdicts(rows: ReadonlyArray<{ sensor: JudgingRow; ts: string; value: number }>): Verdict[] {
  const bySensor = new Map<number, { sensor: JudgingRow; readings: Array<TimedValue & { ts: string }> }>();
  for (const r of rows) {
    const entry = bySensor.get(r.sensor.id) ?? { sensor: r.sensor, readings: [] };
    entry.readings.push({ at: Date.parse(r.ts), value: r.value, ts: r.ts });
    bySensor.set(r.sensor.id, entry);
  }
  const verdicts: Verdict[] = [];
  for (const { sensor, readings } of bySensor.values()) {
    readings.sort((a, b) => a.at - b.at);
    const latest = readings[readings.length - 1] as TimedValue & { ts: string };
    const lastAt = sensor.last_reading_at ? new Date(sensor.last_reading_at).getTime() : null;
    if (lastAt !== null && lastAt > latest.at) continue; // late readings: history only
    const before = readings.filter((r) => r.at < latest.at).pop() ?? null;
    const stored =
      lastAt !== null && lastAt < latest.at && sensor.last_value !== null
        ? { at: lastAt, value: sensor.last_value }
        : null;
    const previous = before && stored ? (before.at > stored.at ? before : stored) : (before ?? stored);
    verdicts.push({ sensor, latest: { at: latest.at, value: latest.value }, previous, at: latest.ts });
  }
  return verdicts;
}

export interface StoredReading {
  ts: string;
  value: number;
}

/** An hour of a sensor's readings: ts is the hour's start, value the mean. */
export interface HourlyReading extends StoredReading {
  min: number;
  max: number;
  count: number;
}

/** A sensor's stored readings, or its hourly aggregates, in time order; null outside the region. */
export async function sensorReadings(
  sql: SqlClient,
  code: string,
  scope: RegionScope,
  range: { from?: string; to?: string; limit: number; resolution?: 'raw' | 'hour' },
): Promise<StoredReading[] | HourlyReading[] | null> {
  const [sensor] = await sql.query<{ id: number }>(
    'SELECT id FROM sensor WHERE code = $1 AND region_code LIKE $2',
    [code, scopePattern(scope)],
  );
  if (!sensor) return null;
  if (range.resolution === 'hour') return hourlyReadings(sql, sensor.id, range);
  const rows = await sql.query<{ ts: Date; value: number }>(
    `SELECT ts, value FROM sensor_reading
      WHERE sensor_id = $1 AND ($2::timestamptz IS NULL OR ts >= $2) AND ($3::timestamptz IS NULL OR ts <= $3)
      ORDER BY ts LIMIT $4`,
    [sensor.id, range.from ?? null, range.to ?? null, range.limit],
  );
  return rows.map((r) => ({ ts: new Date(r.ts).toISOString(), value: r.value }));
}

/**
 * A sensor's hours from the one holding `from` to `to`, in time order: the aggregated ones, then
 * those the roll-up has not reached yet, aggregated from the raw readings here.
 */
export async function hourlyReadings(
  sql: SqlClient,
  sensorId: number,
  range: { from?: string; to?: string; limit: number },
): Promise<HourlyReading[]> {
  const rows = await sql.query<{ hour: Date; mean: number; min: number; max: number; count: number }>(
    `WITH s AS (SELECT rolled_until FROM sensor WHERE id = $1),
          b AS (SELECT date_trunc('hour', $2::timestamptz, 'UTC') AS from_hour)
     SELECT hour, sum / count AS mean, min, max, count FROM sensor_reading_hourly, s, b
      WHERE sensor_id = $1 AND hour < s.rolled_until
        AND ($2::timestamptz IS NULL OR hour >= b.from_hour) AND ($3::timestamptz IS NULL OR hour <= $3)
     UNION ALL
     SELECT date_trunc('hour', ts, 'UTC'), avg(value), min(value), max(value), count(*)::int
       FROM sensor_reading, s, b
      WHERE sensor_id = $1 AND ts >= s.rolled_until
        AND ($2::timestamptz IS NULL OR ts >= b.from_hour) AND ($3::timestamptz IS NULL OR ts < date_trunc('hour', $3::timestamptz, 'UTC') + interval '1 hour')
      GROUP BY 1
     ORDER BY 1 LIMIT $4`,
    [sensorId, range.from ?? null, range.to ?? null, range.limit],
  );
  return rows.map((r) => ({
    ts: new Date(r.hour).toISOString(),
    value: r.mean,
    min: r.min,
    max: r.max,
    count: r.count,
  }));
}
