import {
  kindRules,
  rulesProblem,
  rulesWithOverrides,
  type SensorRuleKey,
  type SensorRules,
  type SensorRulesInput,
  type SensorStatus,
  sensorKindDefaults,
  sensorRuleKeys,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { RegionalSensorChange } from '../events/sensor-changes.js';
import { type RegionScope, scopePattern } from './scope.js';
import { JUDGING_COLUMNS, type JudgingRow, judgeSensors } from './sensor-judging.js';

/**
 * A sensor's rules: its kind's defaults (`sensor_kind_rule`) where it follows the kind, its own
 * where `rules_overridden` names the rule. The rules in force are kept on the sensor row, so
 * ingest judges a reading without a join; changing them goes through here (one sensor) or
 * `applyKindRules` (a kind's defaults, for every sensor following them).
 */
interface StatusRow {
  id: number;
  code: string;
  name: string;
  channel: SensorStatus['channel'];
  kind: SensorStatus['kind'];
  state: SensorStatus['state'];
  unit: string;
  region_code: string;
  sampling_interval_s: number;
  last_value: number | null;
  last_reading_at: Date | null;
  warn: number | null;
  alarm: number | null;
  rate_per_min: number | null;
  offline_after_intervals: number;
  rules_overridden: string[];
  lon: number;
  lat: number;
}

/** One sensor as the monitoring panel shows it; null outside the caller's region. */
export async function sensorStatus(
  sql: SqlClient,
  scope: RegionScope,
  code: string,
): Promise<SensorStatus | null> {
  const [row] = await sql.query<StatusRow>(
    `SELECT id, code, name, channel, kind, state, unit, region_code, sampling_interval_s, last_value,
            last_reading_at, warn_threshold AS warn, alarm_threshold AS alarm, rate_per_min,
            offline_after_intervals, rules_overridden, ST_X(location) AS lon, ST_Y(location) AS lat
       FROM sensor WHERE code = $1 AND region_code LIKE $2`,
    [code, scopePattern(scope)],
  );
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    channel: row.channel,
    kind: row.kind,
    state: row.state,
    unit: row.unit,
    regionCode: row.region_code,
    samplingIntervalS: row.sampling_interval_s,
    lastValue: row.last_value,
    lastReadingAt: row.last_reading_at ? new Date(row.last_reading_at).toISOString() : null,
    lon: row.lon,
    lat: row.lat,
    rules: {
      warn: row.warn,
      alarm: row.alarm,
      ratePerMin: row.rate_per_min,
      offlineAfterIntervals: row.offline_after_intervals,
    },
    overridden: overriddenKeys(row.rules_overridden),
    normal: sensorKindDefaults[row.kind].normal,
  };
}

function overriddenKeys(stored: readonly string[]): SensorRuleKey[] {
  return sensorRuleKeys.filter((key) => stored.includes(key));
}

/** A rule set that cannot be used, naming the field (answered as 400). */
export class SensorRulesError extends Error {
  constructor(
    readonly field: SensorRuleKey,
    message: string,
  ) {
    super(message);
  }
}

interface KindRuleRow {
  warn: number | null;
  alarm: number | null;
  rate_per_min: number | null;
  offline_after_intervals: number;
}

/**
 * Sets a sensor's own rules (the input states all of them: an absent key goes back to the kind's
 * default) and judges the sensor again at once on its latest reading, so a lowered threshold
 * raises its alarm now rather than at the next reading. Null when the sensor is outside the region.
 */
export async function setSensorRules(
  sql: SqlClient,
  scope: RegionScope,
  input: SensorRulesInput,
  options: { now?: number; onChanges?: (changes: RegionalSensorChange[]) => void } = {},
): Promise<SensorStatus | null> {
  const now = options.now ?? Date.now();
  const change = await sql.transaction(async (tx) => {
    const [sensor] = await tx.query<JudgingRow & { kind_rule: KindRuleRow | null }>(
      `SELECT ${JUDGING_COLUMNS}, to_jsonb(k) AS kind_rule
         FROM sensor s LEFT JOIN sensor_kind_rule k ON k.kind = s.kind
        WHERE s.code = $1 AND s.region_code LIKE $2
        FOR NO KEY UPDATE OF s`,
      [input.code, scopePattern(scope)],
    );
    if (!sensor) return undefined;
    const defaults: SensorRules = sensor.kind_rule
      ? {
          warn: sensor.kind_rule.warn,
          alarm: sensor.kind_rule.alarm,
          ratePerMin: sensor.kind_rule.rate_per_min,
          offlineAfterIntervals: sensor.kind_rule.offline_after_intervals,
        }
      : kindRules[sensor.kind];
    const { rules, overridden } = rulesWithOverrides(defaults, input);
    const problem = rulesProblem(rules);
    if (problem) throw new SensorRulesError(problem.field, problem.message);
    const judged: JudgingRow = {
      ...sensor,
      warn: rules.warn,
      alarm: rules.alarm,
      rate_per_min: rules.ratePerMin,
      offline_after_intervals: rules.offlineAfterIntervals,
    };
    const judgement = await judgeLatest(tx, judged, now);
    const [row] = await tx.query<{ state: RegionalSensorChange['state'] }>(
      `UPDATE sensor SET warn_threshold = $2, alarm_threshold = $3, rate_per_min = $4,
              offline_after_intervals = $5, rules_overridden = $6::text[], state = $7
        WHERE id = $1 RETURNING state`,
      [
        sensor.id,
        rules.warn,
        rules.alarm,
        rules.ratePerMin,
        rules.offlineAfterIntervals,
        overridden,
        judgement?.state ?? sensor.state,
      ],
    );
    if (!sensor.last_reading_at || !row) return null;
    return {
      id: sensor.id,
      code: sensor.code,
      regionCode: sensor.region_code,
      state: row.state,
      lastValue: sensor.last_value,
      lastReadingAt: new Date(sensor.last_reading_at).toISOString(),
      ...(judgement?.alarmsMoved && { alarmsMoved: true as const }),
    };
  });
  if (change === undefined) return null;
  if (change) options.onChanges?.([change]);
  return sensorStatus(sql, scope, input.code);
}

/**
 * Judges a sensor on its latest stored reading under its (new) rules, the rate against the
 * reading before it. A sensor that never reported a value has nothing to judge: null.
 */
async function judgeLatest(tx: SqlClient, sensor: JudgingRow, now: number) {
  if (!sensor.last_reading_at || sensor.last_value === null) return null;
  const lastAt = new Date(sensor.last_reading_at);
  const [before] = await tx.query<{ ts: Date; value: number }>(
    'SELECT ts, value FROM sensor_reading WHERE sensor_id = $1 AND ts < $2 ORDER BY ts DESC LIMIT 1',
    [sensor.id, lastAt.toISOString()],
  );
  const judgements = await judgeSensors(
    tx,
    [
      {
        sensor,
        latest: { at: lastAt.getTime(), value: sensor.last_value },
        previous: before ? { at: new Date(before.ts).getTime(), value: before.value } : null,
        at: new Date(now).toISOString(),
      },
    ],
    now,
  );
  return judgements.get(sensor.id) ?? null;
}

/**
 * Writes each kind's defaults from `sensor_kind_rule` onto the sensors following them (rules a
 * sensor has overridden are left alone), so a default edited in that table takes effect. Sensors
 * are judged by the new rules from their next reading on. Returns the number of sensors changed.
 */
export async function applyKindRules(sql: SqlClient): Promise<number> {
  const follows = (key: SensorRuleKey) => `NOT ('${key}' = ANY(s.rules_overridden))`;
  const [row] = await sql.query<{ n: number }>(
    `WITH changed AS (
       UPDATE sensor s SET
         warn_threshold = CASE WHEN ${follows('warn')} THEN k.warn ELSE s.warn_threshold END,
         alarm_threshold = CASE WHEN ${follows('alarm')} THEN k.alarm ELSE s.alarm_threshold END,
         rate_per_min = CASE WHEN ${follows('ratePerMin')} THEN k.rate_per_min ELSE s.rate_per_min END,
         offline_after_intervals = CASE WHEN ${follows('offlineAfterIntervals')}
           THEN k.offline_after_intervals ELSE s.offline_after_intervals END
       FROM sensor_kind_rule k
       WHERE k.kind = s.kind AND (
         (${follows('warn')} AND s.warn_threshold IS DISTINCT FROM k.warn) OR
         (${follows('alarm')} AND s.alarm_threshold IS DISTINCT FROM k.alarm) OR
         (${follows('ratePerMin')} AND s.rate_per_min IS DISTINCT FROM k.rate_per_min) OR
         (${follows('offlineAfterIntervals')} AND s.offline_after_intervals <> k.offline_after_intervals))
       RETURNING 1
     ) SELECT count(*)::int AS n FROM changed`,
  );
  return row?.n ?? 0;
}
