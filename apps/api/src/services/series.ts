import type { SensorSeries, SensorSeriesInput } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { hourlyReadings } from './readings.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * A sensor's series for a chart. Raw readings when the window is at most two days, holds at most
 * 5,000 readings (a 30 s sensor over ~41 h) and lies where raw readings are still kept; hourly
 * aggregates (mean, min, max) otherwise — a month is 744 points whatever the sampling rate.
 */
export const RAW_SERIES_MAX_MS = 48 * 3600_000;
export const RAW_SERIES_MAX_POINTS = 5000;

export async function sensorSeries(
  sql: SqlClient,
  scope: RegionScope,
  input: SensorSeriesInput,
): Promise<SensorSeries | null> {
  const [sensor] = await sql.query<{ id: number; code: string; unit: string }>(
    'SELECT id, code, unit FROM sensor WHERE code = $1 AND region_code LIKE $2',
    [input.code, scopePattern(scope)],
  );
  if (!sensor) return null;
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (to.getTime() - from.getTime() <= RAW_SERIES_MAX_MS && (await rawKeptSince(sql, sensor.id, from))) {
    const raw = await sql.query<{ ts: Date; value: number }>(
      `SELECT ts, value FROM sensor_reading WHERE sensor_id = $1 AND ts >= $2 AND ts <= $3
        ORDER BY ts LIMIT $4`,
      [sensor.id, from.toISOString(), to.toISOString(), RAW_SERIES_MAX_POINTS + 1],
    );
    if (raw.length <= RAW_SERIES_MAX_POINTS) {
      return {
        code: sensor.code,
        unit: sensor.unit,
        resolution: 'raw',
        points: raw.map((r) => ({ ts: new Date(r.ts).toISOString(), value: r.value })),
      };
    }
  }
  const hours = Math.ceil((to.getTime() - from.getTime()) / 3600_000) + 1;
  const points = await hourlyReadings(sql, sensor.id, {
    from: from.toISOString(),
    to: to.toISOString(),
    limit: hours,
  });
  return { code: sensor.code, unit: sensor.unit, resolution: 'hour', points };
}

/**
 * Whether the sensor's raw readings from `from` on are all still there: retention has not removed
 * any (no aggregate is older than the oldest raw reading's hour), or `from` is after the oldest.
 */
async function rawKeptSince(sql: SqlClient, sensorId: number, from: Date): Promise<boolean> {
  const [row] = await sql.query<{ raw_from: Date | null; hour_from: Date | null }>(
    `SELECT (SELECT min(ts) FROM sensor_reading WHERE sensor_id = $1) AS raw_from,
            (SELECT min(hour) FROM sensor_reading_hourly WHERE sensor_id = $1) AS hour_from`,
    [sensorId],
  );
  if (!row?.hour_from) return true;
  if (!row.raw_from) return false;
  const rawFrom = new Date(row.raw_from).getTime();
  const pruned = new Date(row.hour_from).getTime() < rawFrom - (rawFrom % 3600_000);
  return !pruned || from.getTime() >= rawFrom;
}
