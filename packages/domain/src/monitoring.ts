import { z } from 'zod';
import type { SensorChannel, SensorKind, SensorState } from './vocabulary.js';

/**
 * The monitoring contracts between apps/api and apps/web beyond single readings: a sensor's rules
 * (per-kind defaults, overridden per sensor), its time series, and the ingest statistics the
 * system-status view shows.
 */

/** The rules a sensor is judged by. null means "this rule is off" for that sensor. */
export interface SensorRules {
  warn: number | null;
  alarm: number | null;
  /** Largest change per minute before a rate-of-change alarm (absolute value), or null. */
  ratePerMin: number | null;
  /** A sensor is offline after this many missed sampling intervals. */
  offlineAfterIntervals: number;
}

export interface SensorStatus {
  id: number;
  code: string;
  name: string;
  channel: SensorChannel;
  kind: SensorKind;
  state: SensorState;
  unit: string;
  regionCode: string;
  samplingIntervalS: number;
  lastValue: number | null;
  lastReadingAt: string | null;
  lon: number;
  lat: number;
  /** The rules in force: the sensor's overrides where it has them, the kind's defaults elsewhere. */
  rules: SensorRules;
  /** Which rules are overridden on this sensor (the others follow the kind). */
  overridden: Array<keyof SensorRules>;
  /** The kind's normal range, for the chart's shaded band. */
  normal: [number, number];
}

export const sensorCodeInputSchema = z.object({ code: z.string().trim().min(1).max(64) });

/**
 * Per-sensor overrides: a number sets the rule, null switches it off, an absent key goes back to
 * the kind's default.
 */
export const sensorRulesInputSchema = z
  .object({
    code: z.string().trim().min(1).max(64),
    warn: z.number().finite().nullable().optional(),
    alarm: z.number().finite().nullable().optional(),
    ratePerMin: z.number().finite().positive().nullable().optional(),
    offlineAfterIntervals: z.number().int().min(1).max(1000).optional(),
  })
  .refine((r) => r.warn == null || r.alarm == null || r.warn < r.alarm, {
    message: 'warn must be below alarm',
    path: ['warn'],
  });
export type SensorRulesInput = z.input<typeof sensorRulesInputSchema>;

export const sensorSeriesInputSchema = z
  .object({
    code: z.string().trim().min(1).max(64),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 31 * 86_400_000, {
    message: 'a series spans at most 31 days',
    path: ['to'],
  });
export type SensorSeriesInput = z.input<typeof sensorSeriesInputSchema>;

/**
 * A sensor's readings over a window. Short windows come raw; long ones as hourly aggregates (the
 * raw readings of months would be too many points for a chart, and raw readings older than the
 * retention period are gone — the aggregates are kept).
 */
export interface SensorSeries {
  code: string;
  unit: string;
  resolution: 'raw' | 'hour';
  /**
   * For hourly points, ts is the start of the hour, value the mean, min/max the extremes and count
   * the number of readings in that hour.
   */
  points: Array<{ ts: string; value: number; min?: number; max?: number; count?: number }>;
}

/** Counts since the process started, by path in (HTTP or MQTT) and reason refused. */
export interface IngestStats {
  since: string;
  http: IngestPathStats;
  mqtt: IngestPathStats;
  cap: { accepted: number; rejected: number };
  geojson: { accepted: number; rejected: number };
  /** The 20 most frequent rejection reasons (the variable part stripped), most frequent first. */
  topReasons: Array<{ reason: string; count: number }>;
  /** Accepted readings per second over the last minute. */
  ratePerS: number;
}

export interface IngestPathStats {
  requests: number;
  accepted: number;
  rejected: number;
  /** Requests refused whole: malformed JSON, too large, not UTF-8. */
  refused: number;
}

/**
 * The sensing channel each kind of sensor belongs to (物联 IoT unless said otherwise). Point tiles
 * carry a sensor's kind, not its channel: filtering the map by channel goes through this.
 */
export const sensorKindChannels: Readonly<Record<SensorKind, SensorChannel>> = {
  water_level: 'iot',
  rainfall: 'iot',
  gas_ch4: 'iot',
  gas_co: 'iot',
  gas_h2s: 'iot',
  gas_combustible: 'iot',
  temperature: 'iot',
  humidity: 'iot',
  wind_speed: 'iot',
  displacement: 'iot',
  seismic: 'iot',
  smoke: 'iot',
  tank_level: 'iot',
  tank_pressure: 'iot',
  camera: 'video',
  fire_hotspot: 'satellite',
  uav_patrol: 'aerial',
  crowd_observer: 'crowd',
};
