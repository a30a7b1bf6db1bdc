import type { SensorSeries } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import {
  chartColumns,
  mergeReading,
  valueRange,
  windowEndingAt,
} from '../src/features/sensor-monitor/series';

const raw = (points: Array<[string, number]>): SensorSeries => ({
  code: 'WL-1',
  unit: 'm',
  resolution: 'raw',
  points: points.map(([ts, value]) => ({ ts, value })),
});

const T = (minute: number) => new Date(Date.UTC(2024, 4, 1, 6, minute)).toISOString();

describe('mergeReading into a raw series', () => {
  const series = raw([
    [T(0), 2],
    [T(5), 2.1],
    [T(10), 2.2],
  ]);

  it('appends a newer reading', () => {
    expect(mergeReading(series, { ts: T(15), value: 2.4 }).points.map((p) => p.value)).toEqual([
      2, 2.1, 2.2, 2.4,
    ]);
  });

  it('inserts a late reading in time order', () => {
    const merged = mergeReading(series, { ts: T(7), value: 9 });
    expect(merged.points.map((p) => p.ts)).toEqual([T(0), T(5), T(7), T(10)]);
  });

  it('replaces a reading sent again for the same time', () => {
    const merged = mergeReading(series, { ts: T(5), value: 3 });
    expect(merged.points.map((p) => p.value)).toEqual([2, 3, 2.2]);
  });

  it('drops what falls before the window kept', () => {
    const merged = mergeReading(series, { ts: T(15), value: 2.4 }, Date.parse(T(5)));
    expect(merged.points.map((p) => p.ts)).toEqual([T(5), T(10), T(15)]);
  });

  it('ignores a reading older than the window, and non-numbers', () => {
    expect(mergeReading(series, { ts: T(0), value: 1 }, Date.parse(T(3)))).toBe(series);
    expect(mergeReading(series, { ts: T(20), value: Number.NaN })).toBe(series);
    expect(mergeReading(series, { ts: 'yesterday', value: 1 })).toBe(series);
  });
});

describe('mergeReading into an hourly series', () => {
  const hourly: SensorSeries = {
    code: 'WL-1',
    unit: 'm',
    resolution: 'hour',
    points: [
      { ts: '2024-05-01T05:00:00.000Z', value: 2, min: 1.8, max: 2.2, count: 12 },
      { ts: '2024-05-01T06:00:00.000Z', value: 3, min: 2.5, max: 3.5, count: 3 },
    ],
  };

  it('folds a reading into its hour: mean by count, min and max', () => {
    const merged = mergeReading(hourly, { ts: '2024-05-01T06:40:00Z', value: 7 });
    expect(merged.points).toHaveLength(2);
    expect(merged.points[1]).toEqual({
      ts: '2024-05-01T06:00:00.000Z',
      value: 4,
      min: 2.5,
      max: 7,
      count: 4,
    });
  });

  it('opens the next hour for a reading past the last', () => {
    const merged = mergeReading(hourly, { ts: '2024-05-01T07:02:00Z', value: 1.5 });
    expect(merged.points.at(-1)).toEqual({
      ts: '2024-05-01T07:00:00.000Z',
      value: 1.5,
      min: 1.5,
      max: 1.5,
      count: 1,
    });
  });
});

describe('chart helpers', () => {
  it('turns a series into columns of seconds, values, lows and highs', () => {
    const [xs, values, lows, highs] = chartColumns({
      code: 'X',
      unit: 'm',
      resolution: 'hour',
      points: [{ ts: '2024-05-01T06:00:00.000Z', value: 2, min: 1, max: 3 }],
    });
    expect(xs).toEqual([Date.parse('2024-05-01T06:00:00Z') / 1000]);
    expect(values).toEqual([2]);
    expect(lows).toEqual([1]);
    expect(highs).toEqual([3]);
    expect(chartColumns(raw([[T(0), 2]]))[2]).toEqual([null]);
  });

  it('stretches the value axis over the thresholds and the normal band', () => {
    const [lo, hi] = valueRange(2, 3, [4.5, 5.5, 1, 4]);
    expect(lo).toBeLessThan(1);
    expect(hi).toBeGreaterThan(5.5);
    expect(valueRange(null, null, [null])).toEqual([0, 1]);
    const [flatLo, flatHi] = valueRange(2, 2, []);
    expect(flatLo).toBeLessThan(2);
    expect(flatHi).toBeGreaterThan(2);
  });

  it('makes a window ending now', () => {
    expect(windowEndingAt(Date.parse('2024-05-01T06:00:00Z'), 3_600_000)).toEqual({
      from: '2024-05-01T05:00:00.000Z',
      to: '2024-05-01T06:00:00.000Z',
    });
  });
});
