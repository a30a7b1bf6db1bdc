import { type SensorRules, sensorRuleKeys } from '@onemap/domain';
import type { BBox } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import { type RegionScope, scopePattern } from './scope.js';

/** Sensors through the open interface: GeoJSON (RFC 7946), region-scoped. */
export interface SensorProperties {
  code: string;
  name: string;
  kind: string;
  channel: string;
  state: string;
  unit: string;
  regionCode: string;
  lastValue: number | null;
  lastReadingAt: string | null;
}

export interface SensorFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: SensorProperties & {
    thresholds?: { warn: number | null; alarm: number | null; intervalS: number };
    /** The rules in force, and which of them are the sensor's own (the others follow its kind). */
    rules?: SensorRules;
    overridden?: Array<keyof SensorRules>;
  };
}

interface Row {
  code: string;
  name: string;
  kind: string;
  channel: string;
  state: string;
  unit: string;
  region_code: string;
  last_value: number | null;
  last_reading_at: Date | null;
  warn: number | null;
  alarm: number | null;
  interval_s: number;
  lon: number;
  lat: number;
}

const COLUMNS = `code, name, kind, channel, state, unit, region_code, last_value, last_reading_at,
  warn_threshold AS warn, alarm_threshold AS alarm, sampling_interval_s AS interval_s,
  ST_X(location) AS lon, ST_Y(location) AS lat`;

/** For one sensor: the rest of its rules. */
const RULE_COLUMNS = 'rate_per_min, offline_after_intervals, rules_overridden';

interface RulesRow extends Row {
  rate_per_min: number | null;
  offline_after_intervals: number;
  rules_overridden: string[];
}

function feature(r: Row, withRules: RulesRow | null): SensorFeature {
  return {
    type: 'Feature',
    id: r.code,
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    properties: {
      code: r.code,
      name: r.name,
      kind: r.kind,
      channel: r.channel,
      state: r.state,
      unit: r.unit,
      regionCode: r.region_code,
      lastValue: r.last_value,
      lastReadingAt: r.last_reading_at ? new Date(r.last_reading_at).toISOString() : null,
      ...(withRules
        ? {
            thresholds: { warn: r.warn, alarm: r.alarm, intervalS: r.interval_s },
            rules: {
              warn: r.warn,
              alarm: r.alarm,
              ratePerMin: withRules.rate_per_min,
              offlineAfterIntervals: withRules.offline_after_intervals,
            },
            overridden: sensorRuleKeys.filter((key) => withRules.rules_overridden.includes(key)),
          }
        : {}),
    },
  };
}

export async function sensorsGeoJson(
  sql: SqlClient,
  scope: RegionScope,
  query: { bbox: BBox | null; limit: number },
): Promise<{ type: 'FeatureCollection'; features: SensorFeature[] }> {
  const params: unknown[] = [scopePattern(scope), query.limit];
  let inBox = '';
  if (query.bbox) {
    params.push(...query.bbox);
    inBox = 'AND location && ST_MakeEnvelope($3, $4, $5, $6, 4326)';
  }
  const rows = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM sensor WHERE region_code LIKE $1 ${inBox} ORDER BY id LIMIT $2`,
    params,
  );
  return { type: 'FeatureCollection', features: rows.map((r) => feature(r, null)) };
}

export async function sensorByCode(
  sql: SqlClient,
  scope: RegionScope,
  code: string,
): Promise<SensorFeature | null> {
  const [row] = await sql.query<RulesRow>(
    `SELECT ${COLUMNS}, ${RULE_COLUMNS} FROM sensor WHERE code = $1 AND region_code LIKE $2`,
    [code, scopePattern(scope)],
  );
  return row ? feature(row, row) : null;
}
