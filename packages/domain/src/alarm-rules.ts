import { z } from 'zod';
import type { SensorRules } from './monitoring.js';
import type { SensorKind, SensorKindDefaults, SensorState } from './vocabulary.js';
import { sensorKindDefaults, sensorKinds } from './vocabulary.js';

/**
 * The alarm rules a sensor is judged by, as pure functions: thresholds with hysteresis, rate of
 * change, and silence (offline). The API stores and applies them (apps/api/src/services/), and the
 * same functions decide in the ingest transaction, after a rule change, and in the offline sweep.
 *
 * - **threshold**: a level is raised when a value reaches its threshold and only cleared once the
 *   value has fallen a band below it, so a reading that hovers around a threshold does not open and
 *   close alarms with every sample.
 * - **rate**: |Δvalue| per minute between a sensor's consecutive readings. Reaching `ratePerMin` is a
 *   warning, twice that an alarm; it clears once the rate has fallen 20 % below the limit.
 * - **offline**: no reading for `offlineAfterIntervals` sampling intervals, found by a periodic
 *   sweep (the only place silence is judged). Losing a sensor is a warning (the hazard it watches
 *   is unknown, not known to be bad). A reading ends it — unless the reading is itself older than
 *   the silence window (a gateway emptying its buffer): that shows the past, not a live sensor.
 * - A value outside what the kind can physically read is refused at ingest (a fault of the
 *   instrument, not a fact about the world), so it neither moves the sensor nor raises an alarm.
 *   The 'fault' state is set by people or gateways, never by these rules.
 *
 * One open alarm per sensor and rule: it escalates and de-escalates with the rule's level.
 */
export type AlarmLevel = 'normal' | 'warning' | 'alarm';

export const alarmRuleCodes = ['threshold', 'rate', 'offline'] as const;
export type AlarmRule = (typeof alarmRuleCodes)[number];

export interface ThresholdRule {
  warn: number | null;
  alarm: number | null;
  /** How far below a threshold a value must fall before that level clears. */
  band: number;
}

/**
 * The band for a sensor's thresholds: 5 % of the distance from the top of the normal range to the
 * lowest threshold, and never zero.
 *
 * @example hysteresisBand({ warn: 4.5, alarm: 5.5 }, [1, 4]) === 0.025
 */
export function hysteresisBand(
  thresholds: { warn: number | null; alarm: number | null },
  normal: SensorKindDefaults['normal'],
): number {
  const lowest = thresholds.warn ?? thresholds.alarm;
  if (lowest === null) return 0;
  const span = Math.abs(lowest - normal[1]);
  return span > 0 ? span * 0.05 : Math.max(Math.abs(lowest) * 0.05, 1e-9);
}

/**
 * The level a new value puts a sensor at, given the level it is at now.
 *
 * @example nextLevel('alarm', 5.49, { warn: 4.5, alarm: 5.5, band: 0.025 }) === 'alarm'  // held
 * @example nextLevel('alarm', 5.4, { warn: 4.5, alarm: 5.5, band: 0.025 }) === 'warning'
 */
export function nextLevel(current: AlarmLevel, value: number, rule: ThresholdRule): AlarmLevel {
  if (rule.alarm !== null && value >= rule.alarm) return 'alarm';
  if (current === 'alarm' && rule.alarm !== null && value > rule.alarm - rule.band) return 'alarm';
  if (rule.warn !== null && value >= rule.warn) return 'warning';
  if (current !== 'normal' && rule.warn !== null && value > rule.warn - rule.band) return 'warning';
  return 'normal';
}

const LEVEL_ORDER: Record<AlarmLevel, number> = { normal: 0, warning: 1, alarm: 2 };

/** The more severe of two levels. */
export function worstLevel(a: AlarmLevel, b: AlarmLevel): AlarmLevel {
  return LEVEL_ORDER[b] > LEVEL_ORDER[a] ? b : a;
}

/** A rate of change twice the sensor's limit is an alarm, not a warning. */
export const RATE_ALARM_FACTOR = 2;
/** A rate-of-change level clears once the rate is this fraction below the limit. */
export const RATE_BAND = 0.2;
/** A sensor is offline after this many missed sampling intervals unless its rules say otherwise. */
export const DEFAULT_OFFLINE_AFTER_INTERVALS = 3;

/**
 * Default rate-of-change limits, in the kind's unit per minute (absolute change), or null where a
 * rate says nothing its thresholds do not (rain intensity, gusts, shaking, smoke) or the kind
 * reports no measurement. Engineering judgement, set well above instrument noise at the kind's
 * sampling interval: a river rising 1.2 m an hour (flash flood), methane up 0.25 % vol in a minute
 * (a release, a quarter of the 1 % alarm), a tank filling or draining 3 m an hour, ground moving
 * 30 mm an hour (a slope accelerating), air warming 2 °C a minute (fire nearby; EN 54-5
 * rate-of-rise heat detectors respond from about 10 °C a minute).
 */
export const kindRateDefaults: Record<SensorKind, number | null> = {
  water_level: 0.02,
  rainfall: null,
  gas_ch4: 0.25,
  gas_co: 10,
  gas_h2s: 3,
  gas_combustible: 10,
  temperature: 2,
  humidity: null,
  wind_speed: null,
  displacement: 0.5,
  seismic: null,
  smoke: null,
  tank_level: 0.05,
  tank_pressure: 0.1,
  camera: null,
  fire_hotspot: null,
  uav_patrol: null,
  crowd_observer: null,
};

/** The rules every sensor of a kind follows until it is given its own. */
export const kindRules: Record<SensorKind, SensorRules> = Object.fromEntries(
  sensorKinds.codes.map((kind) => [
    kind,
    {
      warn: sensorKindDefaults[kind].warn,
      alarm: sensorKindDefaults[kind].alarm,
      ratePerMin: kindRateDefaults[kind],
      offlineAfterIntervals: DEFAULT_OFFLINE_AFTER_INTERVALS,
    },
  ]),
) as Record<SensorKind, SensorRules>;

export const sensorRuleKeys = ['warn', 'alarm', 'ratePerMin', 'offlineAfterIntervals'] as const;
export type SensorRuleKey = (typeof sensorRuleKeys)[number];

/**
 * A sensor's rules after a `setSensorRules` input: a key given (a number, or null for "off") is the
 * sensor's own, an absent key follows the kind. Each call states the whole override set. Offline
 * detection is never off, only stretched (up to 1000 intervals): a silent sensor must show.
 *
 * @example rulesWithOverrides({ warn: 4.5, alarm: 5.5, … }, { warn: null }).rules.warn === null
 * @example rulesWithOverrides({ warn: 4.5, alarm: 5.5, … }, {}).overridden.length === 0
 */
export function rulesWithOverrides(
  kind: SensorRules,
  input: Partial<SensorRules>,
): { rules: SensorRules; overridden: SensorRuleKey[] } {
  const overridden = sensorRuleKeys.filter((key) => input[key] !== undefined);
  const rules: SensorRules = { ...kind };
  for (const key of overridden) Object.assign(rules, { [key]: input[key] });
  return { rules, overridden };
}

/** Why a set of rules cannot be used, naming the field, or null when it can. */
export function rulesProblem(rules: SensorRules): { field: SensorRuleKey; message: string } | null {
  if (rules.warn !== null && rules.alarm !== null && rules.warn >= rules.alarm) {
    return { field: 'warn', message: `warn (${rules.warn}) must be below alarm (${rules.alarm})` };
  }
  return null;
}

/** The rate-of-change limit as a threshold rule over rates: warning at the limit, alarm at twice. */
export function rateRule(ratePerMin: number | null): ThresholdRule {
  if (ratePerMin === null) return { warn: null, alarm: null, band: 0 };
  return { warn: ratePerMin, alarm: ratePerMin * RATE_ALARM_FACTOR, band: ratePerMin * RATE_BAND };
}

/** A value at a time (epoch milliseconds). */
export interface TimedValue {
  at: number;
  value: number;
}

/**
 * |Δvalue| per minute from one reading to the next, or null when they are not in time order.
 *
 * @example ratePerMinute({ at: 0, value: 2 }, { at: 300_000, value: 2.5 }) === 0.1
 */
export function ratePerMinute(previous: TimedValue, next: TimedValue): number | null {
  const minutes = (next.at - previous.at) / 60_000;
  return minutes > 0 ? Math.abs(next.value - previous.value) / minutes : null;
}

/**
 * Whether a sensor last heard at `lastAt` is offline at `now`: silent for more than
 * `afterIntervals` of its sampling intervals.
 */
export function isSilent(
  lastAt: number,
  now: number,
  samplingIntervalS: number,
  afterIntervals: number,
): boolean {
  return now - lastAt > samplingIntervalS * afterIntervals * 1000;
}

export interface SensorJudgement {
  threshold: AlarmLevel;
  rate: AlarmLevel;
  /** The rate just measured, when there was a previous reading to measure it against. */
  ratePerMin: number | null;
  /** Still offline: it was, and its newest reading is too old to show it alive. */
  offline: boolean;
  /** What the map shows: offline when silent, else the worse of the threshold and rate levels. */
  state: SensorState;
}

/**
 * Judges a sensor on its newest reading: each rule moves from the level it is at (its open alarm's
 * level, normal without one). A rate is measured only against a previous reading; without one the
 * rate level stays where it is. A rule switched off (null) is normal.
 */
export function judgeSensor(input: {
  kind: SensorKind;
  rules: SensorRules;
  samplingIntervalS: number;
  current: { threshold: AlarmLevel; rate: AlarmLevel; offline: boolean };
  latest: TimedValue;
  previous: TimedValue | null;
  now: number;
}): SensorJudgement {
  const { rules, latest } = input;
  const band = hysteresisBand(rules, sensorKindDefaults[input.kind].normal);
  const threshold = nextLevel(input.current.threshold, latest.value, {
    warn: rules.warn,
    alarm: rules.alarm,
    band,
  });
  const measured = input.previous ? ratePerMinute(input.previous, latest) : null;
  const rate =
    rules.ratePerMin === null
      ? 'normal'
      : measured === null
        ? input.current.rate
        : nextLevel(input.current.rate, measured, rateRule(rules.ratePerMin));
  const offline =
    input.current.offline &&
    isSilent(latest.at, input.now, input.samplingIntervalS, rules.offlineAfterIntervals);
  return {
    threshold,
    rate,
    ratePerMin: measured,
    offline,
    state: offline ? 'offline' : worstLevel(threshold, rate),
  };
}

export type AlarmChange =
  | { rule: AlarmRule; action: 'raise'; level: 'warning' | 'alarm' }
  | { rule: AlarmRule; action: 'update'; level: 'warning' | 'alarm' }
  | { rule: AlarmRule; action: 'clear' };

/**
 * What happens to a sensor's alarms after a judgement, given the level of each rule's open alarm
 * (absent: none open). The rate alarm is only touched when a rate was measured or the rule is off;
 * an offline alarm is only cleared here (the sweep raises it).
 */
export function alarmChanges(
  open: Partial<Record<AlarmRule, 'warning' | 'alarm'>>,
  judged: SensorJudgement,
): AlarmChange[] {
  const changes: AlarmChange[] = [];
  const step = (rule: AlarmRule, level: AlarmLevel) => {
    const was = open[rule];
    if (level === 'normal') {
      if (was) changes.push({ rule, action: 'clear' });
    } else changes.push({ rule, action: was ? 'update' : 'raise', level });
  };
  step('threshold', judged.threshold);
  if (judged.ratePerMin !== null || judged.rate === 'normal') step('rate', judged.rate);
  if (!judged.offline && open.offline) changes.push({ rule: 'offline', action: 'clear' });
  return changes;
}

export const alarmQuerySchema = z.object({
  /** open: not yet cleared (acknowledged or not); unacknowledged; cleared; all. */
  state: z.enum(['open', 'unacknowledged', 'cleared', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  /** One sensor's alarms only (its alarm history, with state=all). */
  sensorCode: z.string().trim().min(1).max(64).optional(),
});
export type AlarmQuery = z.input<typeof alarmQuerySchema>;

export const alarmAckSchema = z.object({
  id: z.number().int().positive(),
  comment: z.string().trim().max(500).default(''),
});

export interface AlarmSummary {
  id: number;
  sensorCode: string;
  sensorName: string;
  sensorKind: string;
  regionCode: string;
  /** Where the sensor stands: where an incident opened from the alarm is placed first. */
  lon: number;
  lat: number;
  /** threshold | rate | offline */
  rule: string;
  level: 'warning' | 'alarm';
  state: 'open' | 'acknowledged' | 'cleared';
  raisedAt: string;
  /**
   * The values the alarm saw: readings for a threshold alarm, rates (the sensor's unit per minute)
   * for a rate alarm, none for an offline alarm.
   */
  raisedValue: number | null;
  lastValue: number | null;
  peakValue: number | null;
  clearedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  comment: string | null;
}
