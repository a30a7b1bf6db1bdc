import {
  type IngestRejection,
  type IngestResult,
  ingestReadingSchema,
  MAX_FUTURE_SKEW_MS,
  MAX_READING_AGE_MS,
  type SensorKind,
  type SensorState,
  sensorKindDefaults,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { RegionalSensorChange } from '../events/sensor-changes.js';
import { type RegionScope, scopePattern } from './scope.js';

export interface IngestOptions {
  now?: number;
  /** Called after commit with the sensors whose latest reading moved. */
  onChanges?: (changes: RegionalSensorChange[]) => void;
}

/**
 * Sensor readings in: validated per item, stored idempotently by (sensor, ts), and the sensor's
 * latest value and state moved forward — all in one transaction, so what the caller is told was
 * accepted is on disk when the answer leaves. A sensor outside the caller's region is refused as
 * unknown (its existence is not the caller's business).
 */
interface SensorRef {
  id: number;
  code: string;
  kind: SensorKind;
  warn: number | null;
  alarm: number | null;
}

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
    const sensors = await tx.query<SensorRef>(
      `SELECT id, code, kind, warn_threshold AS warn, alarm_threshold AS alarm
         FROM sensor WHERE code = ANY($1::text[]) AND region_code LIKE $2`,
      [codes, scopePattern(scope)],
    );
    const byCode = new Map(sensors.map((s) => [s.code, s]));
    const rows: Array<{ sensor: SensorRef; ts: string; value: number }> = [];
    for (const v of valid) {
      const sensor = byCode.get(v.code);
      if (!sensor) {
        rejected.push({ index: v.index, reason: `sensorCode: unknown sensor ${v.code}` });
        continue;
      }
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

    await tx.query(
      `INSERT INTO sensor_reading (sensor_id, ts, value)
       SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::float8[])
       ON CONFLICT (sensor_id, ts) DO NOTHING`,
      [rows.map((r) => r.sensor.id), rows.map((r) => r.ts), rows.map((r) => r.value)],
    );
    // Only the newest reading per sensor moves its latest value; late readings are history only.
    const latest = new Map<number, { ts: string; value: number; sensor: SensorRef }>();
    for (const r of rows) {
      const seen = latest.get(r.sensor.id);
      if (!seen || r.ts > seen.ts) latest.set(r.sensor.id, { ts: r.ts, value: r.value, sensor: r.sensor });
    }
    const updates = [...latest.values()];
    const moved = await tx.query<{
      id: number;
      code: string;
      region_code: string;
      state: SensorState;
      last_value: number | null;
      last_reading_at: Date;
    }>(
      `UPDATE sensor s SET last_value = u.value, last_reading_at = u.ts, state = u.state
         FROM unnest($1::int[], $2::timestamptz[], $3::float8[], $4::text[]) AS u(id, ts, value, state)
        WHERE s.id = u.id AND (s.last_reading_at IS NULL OR s.last_reading_at <= u.ts)
        RETURNING s.id, s.code, s.region_code, s.state, s.last_value, s.last_reading_at`,
      [
        updates.map((u) => u.sensor.id),
        updates.map((u) => u.ts),
        updates.map((u) => u.value),
        updates.map((u) => thresholdState(u.value, u.sensor)),
      ],
    );
    for (const m of moved) {
      changes.push({
        id: m.id,
        code: m.code,
        regionCode: m.region_code,
        state: m.state,
        lastValue: m.last_value,
        lastReadingAt: new Date(m.last_reading_at).toISOString(),
      });
    }
    return { accepted: rows.length, rejected };
  });
  options.onChanges?.(changes);
  return result;
}

/** The state a value puts a sensor in by its thresholds (reached upwards). */
export function thresholdState(value: number, t: { warn: number | null; alarm: number | null }): string {
  if (t.alarm !== null && value >= t.alarm) return 'alarm';
  if (t.warn !== null && value >= t.warn) return 'warning';
  return 'normal';
}

export interface StoredReading {
  ts: string;
  value: number;
}

export async function sensorReadings(
  sql: SqlClient,
  code: string,
  scope: RegionScope,
  range: { from?: string; to?: string; limit: number },
): Promise<StoredReading[] | null> {
  const [sensor] = await sql.query<{ id: number }>(
    'SELECT id FROM sensor WHERE code = $1 AND region_code LIKE $2',
    [code, scopePattern(scope)],
  );
  if (!sensor) return null;
  const rows = await sql.query<{ ts: Date; value: number }>(
    `SELECT ts, value FROM sensor_reading
      WHERE sensor_id = $1 AND ($2::timestamptz IS NULL OR ts >= $2) AND ($3::timestamptz IS NULL OR ts <= $3)
      ORDER BY ts LIMIT $4`,
    [sensor.id, range.from ?? null, range.to ?? null, range.limit],
  );
  return rows.map((r) => ({ ts: new Date(r.ts).toISOString(), value: r.value }));
}
