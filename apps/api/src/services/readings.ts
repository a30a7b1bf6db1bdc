import {
  type AlarmLevel,
  hysteresisBand,
  type IngestRejection,
  type IngestResult,
  ingestReadingSchema,
  MAX_FUTURE_SKEW_MS,
  MAX_READING_AGE_MS,
  nextLevel,
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
  state: SensorState;
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
      `SELECT id, code, kind, state, warn_threshold AS warn, alarm_threshold AS alarm
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
    const updates = [...latest.values()].map((u) => ({ ...u, level: levelAfter(u.sensor, u.value) }));
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
        updates.map((u) => u.level),
      ],
    );
    const movedIds = new Set(moved.map((m) => m.id));
    await updateAlarms(
      tx,
      updates.filter((u) => movedIds.has(u.sensor.id)),
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

/** The level a sensor's newest value puts it at, from the level it is at (hysteresis). */
function levelAfter(sensor: SensorRef, value: number): AlarmLevel {
  const current: AlarmLevel =
    sensor.state === 'alarm' || sensor.state === 'warning' ? sensor.state : 'normal';
  const band = hysteresisBand(sensor, sensorKindDefaults[sensor.kind].normal);
  return nextLevel(current, value, { warn: sensor.warn, alarm: sensor.alarm, band });
}

/**
 * One active threshold alarm per sensor: raised when a sensor leaves normal, escalated or
 * de-escalated with its level, cleared when it is back to normal.
 */
async function updateAlarms(
  tx: SqlClient,
  updates: Array<{ sensor: SensorRef; ts: string; value: number; level: AlarmLevel }>,
): Promise<void> {
  if (updates.length === 0) return;
  const active = await tx.query<{ id: number; sensor_id: number }>(
    `SELECT id, sensor_id FROM alarm WHERE sensor_id = ANY($1::int[]) AND rule = 'threshold' AND state <> 'cleared'`,
    [updates.map((u) => u.sensor.id)],
  );
  const alarmOf = new Map(active.map((a) => [a.sensor_id, a.id]));
  const raise = updates.filter((u) => u.level !== 'normal' && !alarmOf.has(u.sensor.id));
  const change = updates.filter((u) => u.level !== 'normal' && alarmOf.has(u.sensor.id));
  const clear = updates.filter((u) => u.level === 'normal' && alarmOf.has(u.sensor.id));
  if (raise.length > 0) {
    await tx.query(
      `INSERT INTO alarm (sensor_id, rule, level, raised_at, raised_value, last_value, peak_value)
       SELECT id, 'threshold', level, ts, value, value, value
         FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::float8[]) AS t(id, level, ts, value)`,
      [
        raise.map((u) => u.sensor.id),
        raise.map((u) => u.level),
        raise.map((u) => u.ts),
        raise.map((u) => u.value),
      ],
    );
  }
  if (change.length > 0) {
    await tx.query(
      `UPDATE alarm a SET level = t.level, last_value = t.value, peak_value = greatest(a.peak_value, t.value)
         FROM unnest($1::int[], $2::text[], $3::float8[]) AS t(id, level, value) WHERE a.id = t.id`,
      [change.map((u) => alarmOf.get(u.sensor.id)), change.map((u) => u.level), change.map((u) => u.value)],
    );
  }
  if (clear.length > 0) {
    await tx.query(
      `UPDATE alarm a SET state = 'cleared', cleared_at = t.ts, last_value = t.value
         FROM unnest($1::int[], $2::timestamptz[], $3::float8[]) AS t(id, ts, value) WHERE a.id = t.id`,
      [clear.map((u) => alarmOf.get(u.sensor.id)), clear.map((u) => u.ts), clear.map((u) => u.value)],
    );
  }
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
