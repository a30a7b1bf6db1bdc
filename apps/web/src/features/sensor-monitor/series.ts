import type { SensorSeries } from '@onemap/domain';
import type { MessageKey } from '../../i18n/messages';

type SeriesPoint = SensorSeries['points'][number];

const HOUR_MS = 3_600_000;

/** The windows the chart offers, up to the 31 days a series may span. */
export const seriesRanges = [
  { id: '1h', ms: HOUR_MS, title: 'monitor.range.1h' },
  { id: '6h', ms: 6 * HOUR_MS, title: 'monitor.range.6h' },
  { id: '24h', ms: 24 * HOUR_MS, title: 'monitor.range.24h' },
  { id: '7d', ms: 7 * 24 * HOUR_MS, title: 'monitor.range.7d' },
  { id: '30d', ms: 30 * 24 * HOUR_MS, title: 'monitor.range.30d' },
] as const satisfies readonly { id: string; ms: number; title: MessageKey }[];
export type SeriesRangeId = (typeof seriesRanges)[number]['id'];

export interface SeriesWindow {
  from: string;
  to: string;
}

/** The last `ms` up to `now`, as the series query takes it. */
export function windowEndingAt(now: number, ms: number): SeriesWindow {
  return { from: new Date(now - ms).toISOString(), to: new Date(now).toISOString() };
}

export interface Reading {
  ts: string;
  value: number;
}

/**
 * A live reading folded into a loaded series, so the chart follows the sensor without fetching its
 * whole window again. A raw series gains the point in time order (a repeated timestamp replaces
 * its point: ingest is idempotent on sensor and time); an hourly one updates the hour the reading
 * falls in — mean weighted by the hour's count, min, max — or opens that hour. Points before
 * `keepFrom` (epoch ms) are dropped, so a chart left open for days does not grow without end.
 * Returns the same series when nothing changed.
 */
export function mergeReading(
  series: SensorSeries,
  reading: Reading,
  keepFrom = Number.NEGATIVE_INFINITY,
): SensorSeries {
  const at = Date.parse(reading.ts);
  if (!Number.isFinite(at) || !Number.isFinite(reading.value) || at < keepFrom) return series;
  const points =
    series.resolution === 'hour'
      ? foldIntoHour(series.points, at, reading.value)
      : insertRaw(series.points, at, reading);
  let first = 0;
  while (first < points.length && Date.parse((points[first] as SeriesPoint).ts) < keepFrom) first++;
  return { ...series, points: first > 0 ? points.slice(first) : points };
}

/** The position of the first point at or after `at` (points are in time order). */
function lowerBound(points: readonly SeriesPoint[], at: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse((points[mid] as SeriesPoint).ts) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertRaw(points: readonly SeriesPoint[], at: number, reading: Reading): SeriesPoint[] {
  const i = lowerBound(points, at);
  const point = { ts: new Date(at).toISOString(), value: reading.value };
  const same = i < points.length && Date.parse((points[i] as SeriesPoint).ts) === at;
  return [...points.slice(0, i), point, ...points.slice(same ? i + 1 : i)];
}

function foldIntoHour(points: readonly SeriesPoint[], at: number, value: number): SeriesPoint[] {
  const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
  const i = lowerBound(points, hour);
  const existing = points[i];
  if (existing && Date.parse(existing.ts) === hour) {
    const count = existing.count ?? 1;
    const folded: SeriesPoint = {
      ts: existing.ts,
      value: (existing.value * count + value) / (count + 1),
      min: Math.min(existing.min ?? existing.value, value),
      max: Math.max(existing.max ?? existing.value, value),
      count: count + 1,
    };
    return [...points.slice(0, i), folded, ...points.slice(i + 1)];
  }
  const opened: SeriesPoint = { ts: new Date(hour).toISOString(), value, min: value, max: value, count: 1 };
  return [...points.slice(0, i), opened, ...points.slice(i)];
}

/**
 * The series as the chart takes it: times in seconds, values, and for hourly series the lows and
 * highs of each hour (null for raw readings, which have none).
 */
export function chartColumns(
  series: SensorSeries,
): [number[], number[], (number | null)[], (number | null)[]] {
  const xs: number[] = [];
  const values: number[] = [];
  const lows: (number | null)[] = [];
  const highs: (number | null)[] = [];
  for (const p of series.points) {
    xs.push(Date.parse(p.ts) / 1000);
    values.push(p.value);
    lows.push(p.min ?? null);
    highs.push(p.max ?? null);
  }
  return [xs, values, lows, highs];
}

/**
 * The value range the chart's axis must show: the data, and the thresholds and normal band too —
 * how far a reading is from its alarm line is what the officer reads the chart for.
 */
export function valueRange(
  dataMin: number | null,
  dataMax: number | null,
  marks: readonly (number | null)[],
): [number, number] {
  const all = [dataMin, dataMax, ...marks].filter((v): v is number => v !== null && Number.isFinite(v));
  if (all.length === 0) return [0, 1];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.1, 1);
  return [lo - pad, hi + pad];
}
