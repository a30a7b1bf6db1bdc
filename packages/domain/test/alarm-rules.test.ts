import { describe, expect, it } from 'vitest';
import {
  type AlarmLevel,
  alarmChanges,
  hysteresisBand,
  isSilent,
  judgeSensor,
  kindRules,
  nextLevel,
  RATE_BAND,
  ratePerMinute,
  rateRule,
  rulesProblem,
  rulesWithOverrides,
} from '../src/alarm-rules.js';

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

describe('rules per kind and per sensor', () => {
  const water = kindRules.water_level;

  it('takes thresholds from the kind defaults and offline detection after three intervals', () => {
    expect(water).toEqual({ warn: 4.5, alarm: 5.5, ratePerMin: 0.02, offlineAfterIntervals: 3 });
    expect(kindRules.humidity).toMatchObject({ warn: null, alarm: null, ratePerMin: null });
  });

  it('overrides a rule with a number, switches it off with null, and follows the kind when absent', () => {
    expect(rulesWithOverrides(water, { alarm: 6, ratePerMin: null })).toEqual({
      rules: { warn: 4.5, alarm: 6, ratePerMin: null, offlineAfterIntervals: 3 },
      overridden: ['alarm', 'ratePerMin'],
    });
    expect(rulesWithOverrides(water, {})).toEqual({ rules: water, overridden: [] });
    expect(rulesWithOverrides(water, { offlineAfterIntervals: 10 }).rules.offlineAfterIntervals).toBe(10);
  });

  it('refuses a warning threshold at or above the alarm threshold in force', () => {
    expect(rulesProblem(rulesWithOverrides(water, { warn: 6 }).rules)).toEqual({
      field: 'warn',
      message: 'warn (6) must be below alarm (5.5)',
    });
    expect(rulesProblem(rulesWithOverrides(water, { warn: 6, alarm: null }).rules)).toBeNull();
  });
});

describe('rate of change', () => {
  it('measures the absolute change per minute between consecutive readings', () => {
    expect(ratePerMinute({ at: 0, value: 2 }, { at: 300_000, value: 2.5 })).toBeCloseTo(0.1, 12);
    expect(ratePerMinute({ at: 0, value: 3 }, { at: 30_000, value: 2 })).toBe(2);
    expect(ratePerMinute({ at: 60_000, value: 3 }, { at: 60_000, value: 2 })).toBeNull();
  });

  it('is a warning at the limit, an alarm at twice the limit, and clears 20 % below it', () => {
    const rule = rateRule(0.1);
    expect(rule).toEqual({ warn: 0.1, alarm: 0.2, band: 0.1 * RATE_BAND });
    let level: AlarmLevel = 'normal';
    const levels = [0.05, 0.1, 0.21, 0.19, 0.09, 0.081, 0.079].map((rate) => {
      level = nextLevel(level, rate, rule);
      return level;
    });
    expect(levels).toEqual(['normal', 'warning', 'alarm', 'alarm', 'warning', 'warning', 'normal']);
    expect(rateRule(null)).toEqual({ warn: null, alarm: null, band: 0 });
  });
});

describe('judging a sensor on its newest reading', () => {
  const base = {
    kind: 'water_level' as const,
    rules: kindRules.water_level,
    samplingIntervalS: 300,
    current: { threshold: 'normal' as AlarmLevel, rate: 'normal' as AlarmLevel, offline: false },
    now: 10 * 60_000,
  };

  it('combines the threshold and the rate level into the state, the worse one winning', () => {
    const judged = judgeSensor({
      ...base,
      latest: { at: 10 * 60_000, value: 4.5 },
      previous: { at: 5 * 60_000, value: 3.5 },
    });
    expect(judged).toEqual({
      threshold: 'warning',
      rate: 'alarm',
      ratePerMin: 0.2,
      offline: false,
      state: 'alarm',
    });
    expect(alarmChanges({}, judged)).toEqual([
      { rule: 'threshold', action: 'raise', level: 'warning' },
      { rule: 'rate', action: 'raise', level: 'alarm' },
    ]);
  });

  it('keeps the rate level without a previous reading, and clears it when the rule is switched off', () => {
    const held = judgeSensor({
      ...base,
      current: { ...base.current, rate: 'warning' },
      latest: { at: 10 * 60_000, value: 3 },
      previous: null,
    });
    expect(held).toMatchObject({ rate: 'warning', ratePerMin: null, state: 'warning' });
    expect(alarmChanges({ rate: 'warning' }, held)).toEqual([]);
    const off = judgeSensor({
      ...base,
      rules: { ...base.rules, ratePerMin: null },
      current: { ...base.current, rate: 'warning' },
      latest: { at: 10 * 60_000, value: 3 },
      previous: { at: 9 * 60_000, value: 1 },
    });
    expect(off.rate).toBe('normal');
    expect(alarmChanges({ rate: 'warning' }, off)).toEqual([{ rule: 'rate', action: 'clear' }]);
  });

  it('ends offline with a fresh reading, but not with one older than the silence window', () => {
    const wasOffline = { ...base.current, offline: true };
    const fresh = judgeSensor({
      ...base,
      current: wasOffline,
      latest: { at: 9 * 60_000, value: 2 },
      previous: null,
    });
    expect(fresh).toMatchObject({ offline: false, state: 'normal' });
    expect(alarmChanges({ offline: 'warning' }, fresh)).toEqual([{ rule: 'offline', action: 'clear' }]);
    const buffered = judgeSensor({
      ...base,
      now: 60 * 60_000,
      current: wasOffline,
      latest: { at: 30 * 60_000, value: 2 },
      previous: null,
    });
    expect(buffered).toMatchObject({ offline: true, state: 'offline' });
    expect(alarmChanges({ offline: 'warning' }, buffered)).toEqual([]);
    // Silence is the sweep's to find: an old reading for a sensor that was not offline is just late.
    expect(
      judgeSensor({ ...base, now: 60 * 60_000, latest: { at: 30 * 60_000, value: 2 }, previous: null })
        .offline,
    ).toBe(false);
  });

  it('counts a sensor silent after its interval times the missed intervals', () => {
    expect(isSilent(0, 900_000, 300, 3)).toBe(false);
    expect(isSilent(0, 900_001, 300, 3)).toBe(true);
  });
});
