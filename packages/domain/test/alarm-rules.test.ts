import { describe, expect, it } from 'vitest';
import { type AlarmLevel, hysteresisBand, nextLevel } from '../src/alarm-rules.js';

const rule = { warn: 4.5, alarm: 5.5, band: hysteresisBand({ warn: 4.5, alarm: 5.5 }, [1, 4]) };

function run(values: number[], start: AlarmLevel = 'normal'): AlarmLevel[] {
  let level = start;
  return values.map((v) => {
    level = nextLevel(level, v, rule);
    return level;
  });
}

describe('threshold alarms with hysteresis', () => {
  it('derives a band from the distance between the normal range and the first threshold', () => {
    expect(rule.band).toBeCloseTo(0.025, 10);
    expect(hysteresisBand({ warn: null, alarm: 1.0 }, [0.05, 0.4])).toBeCloseTo(0.03, 10);
    expect(hysteresisBand({ warn: null, alarm: null }, [0, 1])).toBe(0);
    expect(hysteresisBand({ warn: 3, alarm: null }, [0, 3])).toBeGreaterThan(0);
  });

  it('raises at each threshold and escalates', () => {
    expect(run([3, 4.5, 5.0, 5.5, 6])).toEqual(['normal', 'warning', 'warning', 'alarm', 'alarm']);
  });

  it('does not flap when a value hovers at a threshold', () => {
    expect(run([5.5, 5.49, 5.51, 5.48, 5.5, 5.49])).toEqual([
      'alarm',
      'alarm',
      'alarm',
      'alarm',
      'alarm',
      'alarm',
    ]);
    expect(run([4.5, 4.49, 4.51, 4.48])).toEqual(['warning', 'warning', 'warning', 'warning']);
  });

  it('clears step by step once the value falls a band below', () => {
    expect(run([6, 5.47, 4.47, 3])).toEqual(['alarm', 'warning', 'normal', 'normal']);
    expect(run([6, 2])).toEqual(['alarm', 'normal']);
  });

  it('handles sensors with only one threshold or none', () => {
    expect(nextLevel('normal', 100, { warn: null, alarm: null, band: 0 })).toBe('normal');
    expect(nextLevel('normal', 1.2, { warn: null, alarm: 1.0, band: 0.03 })).toBe('alarm');
    expect(nextLevel('alarm', 0.98, { warn: null, alarm: 1.0, band: 0.03 })).toBe('alarm');
    expect(nextLevel('alarm', 0.9, { warn: null, alarm: 1.0, band: 0.03 })).toBe('normal');
  });
});
