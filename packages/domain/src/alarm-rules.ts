import { z } from 'zod';
import type { SensorKindDefaults } from './vocabulary.js';

/**
 * Threshold alarm rules with hysteresis. A level is raised when a value reaches its threshold and
 * only cleared once the value has fallen a band below it, so a reading that hovers around a
 * threshold does not open and close alarms with every sample.
 */
export type AlarmLevel = 'normal' | 'warning' | 'alarm';

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

export const alarmQuerySchema = z.object({
  /** open: not yet cleared (acknowledged or not); unacknowledged; cleared; all. */
  state: z.enum(['open', 'unacknowledged', 'cleared', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
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
  rule: string;
  level: 'warning' | 'alarm';
  state: 'open' | 'acknowledged' | 'cleared';
  raisedAt: string;
  raisedValue: number | null;
  lastValue: number | null;
  peakValue: number | null;
  clearedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  comment: string | null;
}
