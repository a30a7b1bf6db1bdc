import type { AlarmSummary, SensorChange, SensorState } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { alarmUnit, formatValue, ruleTitle } from '../src/features/alarms/alarm-format';
import {
  arrivedAlarms,
  SensorStateMemory,
  sortAlarms,
  sortByRaised,
} from '../src/features/alarms/alarm-order';
import { pulsePoints } from '../src/features/alarms/alarm-pulses';
import { formatRelativeTime } from '../src/i18n/relative-time';

function alarm(id: number, over: Partial<AlarmSummary> = {}): AlarmSummary {
  return {
    id,
    sensorCode: `S${id}`,
    sensorName: `Gauge ${id}`,
    sensorKind: 'water_level',
    regionCode: '330100',
    lon: 120.15,
    lat: 30.27,
    rule: 'threshold',
    level: 'warning',
    state: 'open',
    raisedAt: '2024-05-01T06:00:00.000Z',
    raisedValue: 4.6,
    lastValue: 4.7,
    peakValue: 4.8,
    clearedAt: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    comment: null,
    ...over,
  };
}

describe('the alarm list order', () => {
  it('puts alarms before warnings, then the newest first', () => {
    const list = sortAlarms([
      alarm(1, { level: 'warning', raisedAt: '2024-05-01T08:00:00Z' }),
      alarm(2, { level: 'alarm', raisedAt: '2024-05-01T06:00:00Z' }),
      alarm(3, { level: 'alarm', raisedAt: '2024-05-01T07:00:00Z' }),
      alarm(4, { level: 'warning', raisedAt: '2024-05-01T09:00:00Z' }),
    ]);
    expect(list.map((a) => a.id)).toEqual([3, 2, 4, 1]);
  });

  it('puts cleared alarms after the standing ones whatever their level', () => {
    const list = sortAlarms([
      alarm(1, { level: 'alarm', state: 'cleared', raisedAt: '2024-05-01T09:00:00Z' }),
      alarm(2, { level: 'warning', state: 'acknowledged' }),
      alarm(3, { level: 'warning', state: 'open' }),
    ]);
    expect(list.map((a) => a.id)).toEqual([3, 2, 1]);
  });

  it('reads a sensor history newest first regardless of level', () => {
    const list = sortByRaised([
      alarm(1, { level: 'alarm', raisedAt: '2024-05-01T06:00:00Z' }),
      alarm(2, { level: 'warning', raisedAt: '2024-05-02T06:00:00Z' }),
    ]);
    expect(list.map((a) => a.id)).toEqual([2, 1]);
  });

  it('does not reorder the list it was given', () => {
    const given = [alarm(1), alarm(2, { level: 'alarm' })];
    sortAlarms(given);
    expect(given.map((a) => a.id)).toEqual([1, 2]);
  });
});

describe('arrivedAlarms', () => {
  it('announces each alarm once, most severe first', () => {
    const known = new Set([1]);
    const first = arrivedAlarms(known, [alarm(1), alarm(2), alarm(3, { level: 'alarm' })]);
    expect(first.map((a) => a.id)).toEqual([3, 2]);
    expect(arrivedAlarms(known, [alarm(1), alarm(2), alarm(3)])).toEqual([]);
  });
});

describe('SensorStateMemory', () => {
  const change = (code: string, state: SensorChange['state']): SensorChange => ({
    id: 1,
    code,
    state,
    lastValue: 1,
    lastReadingAt: '2024-05-01T06:00:00Z',
  });

  it('tells state moves from new values', () => {
    const memory = new SensorStateMemory();
    const none = new Set<string>();
    expect(memory.moved([change('A', 'normal')], none)).toBe(false);
    expect(memory.moved([change('A', 'normal')], none)).toBe(false);
    expect(memory.moved([change('A', 'alarm')], none)).toBe(true);
    expect(memory.moved([change('A', 'alarm')], none)).toBe(false);
    expect(memory.moved([change('A', 'normal')], none)).toBe(true);
  });

  it('counts a sensor first seen away from normal, or with an alarm standing', () => {
    const memory = new SensorStateMemory();
    expect(memory.moved([change('B', 'warning')], new Set())).toBe(true);
    // Its alarm was raised before the page loaded; the first change seen may be its clearing.
    expect(memory.moved([change('C', 'normal')], new Set(['C']))).toBe(true);
  });

  it('counts an alarm the server says moved under an unchanged state', () => {
    // A gauge rising fast is in alarm by its rate of change before its level crosses a threshold:
    // its level alarm is raised with the sensor's state at alarm throughout.
    const memory = new SensorStateMemory();
    const none = new Set<string>();
    memory.moved([change('E', 'alarm')], none);
    expect(memory.moved([change('E', 'alarm')], none)).toBe(false);
    expect(memory.moved([{ ...change('E', 'alarm'), alarmsMoved: true }], none)).toBe(true);
  });

  it('forgets what it saw when cleared (after a gap in the stream)', () => {
    const memory = new SensorStateMemory();
    memory.moved([change('D', 'alarm')], new Set());
    memory.clear();
    expect(memory.moved([change('D', 'alarm')], new Set())).toBe(true);
  });
});

describe('alarm values', () => {
  it('gives threshold alarms the kind unit and rate alarms that unit per minute', () => {
    expect(alarmUnit({ rule: 'threshold', sensorKind: 'water_level' })).toBe('m');
    expect(alarmUnit({ rule: 'rate', sensorKind: 'gas_ch4' })).toBe('%/min');
    expect(alarmUnit({ rule: 'threshold', sensorKind: 'no_such_kind' })).toBe('');
  });

  it('formats values with units and shows a dash for none', () => {
    expect(formatValue(5.625, 'm', 'en')).toBe('5.625 m');
    expect(formatValue(12000, 'ppm', 'zh')).toBe('12,000 ppm');
    expect(formatValue(null, 'm', 'zh')).toBe('—');
    expect(formatValue(3, '', 'en')).toBe('3');
  });

  it('names the known rules and leaves an unknown one as sent', () => {
    expect(ruleTitle('offline')).toBe('alarm.rule.offline');
    expect(ruleTitle('vibration')).toBeNull();
  });

  it('says how long ago in the largest whole unit', () => {
    const now = Date.parse('2024-05-01T06:03:10Z');
    expect(formatRelativeTime('2024-05-01T06:00:00Z', now, 'en')).toBe('3 minutes ago');
    expect(formatRelativeTime('2024-05-01T04:00:00Z', now, 'zh')).toBe('2小时前');
    expect(formatRelativeTime('2024-05-01T06:03:05Z', now, 'en')).toBe('5 seconds ago');
  });
});

describe('formatRelativeTime', () => {
  it('reads a time slightly ahead of this screen (clock skew) as now', () => {
    const now = Date.parse('2024-05-01T06:00:00Z');
    expect(formatRelativeTime('2024-05-01T06:00:02Z', now, 'en')).toBe('now');
  });
});

describe('pulsePoints', () => {
  const place = (id: number, over: Partial<{ kind: string; regionCode: string; state: string }> = {}) => ({
    id,
    code: `S${id}`,
    lon: 120 + id / 10,
    lat: 30,
    kind: 'water_level' as const,
    regionCode: '330100',
    state: 'alarm' as const,
    ...over,
  });
  const sensors = new Map(
    [place(1), place(2, { kind: 'gas_ch4' }), place(3, { regionCode: '510100' }), place(4)].map((s) => [
      s.code,
      s as never,
    ]),
  );
  const noFilter: Parameters<typeof pulsePoints>[2] = {
    hiddenChannels: new Set(),
    hiddenKinds: new Set(),
    hiddenStates: new Set(),
    region: null,
  };
  const never = (_id: number): SensorState | null => null;

  it('pulses the sensors of unacknowledged alarm-level alarms only, each once', () => {
    const alarms = [
      alarm(10, { sensorCode: 'S1', level: 'alarm' }),
      alarm(11, { sensorCode: 'S1', rule: 'rate', level: 'alarm' }),
      alarm(12, { sensorCode: 'S2', level: 'warning' }),
      alarm(13, { sensorCode: 'S4', level: 'alarm', state: 'acknowledged' }),
      alarm(14, { sensorCode: 'S3', level: 'warning', rule: 'offline' }),
      alarm(15, { sensorCode: 'S9', level: 'alarm' }),
    ];
    expect(pulsePoints(alarms, sensors, noFilter, never).map((p) => p.id)).toEqual([1]);
  });

  it('leaves out what the sensors filter hides, and stops at the cap', () => {
    const alarms = [
      alarm(1, { sensorCode: 'S1', level: 'alarm' }),
      alarm(2, { sensorCode: 'S2', level: 'alarm' }),
      alarm(3, { sensorCode: 'S3', level: 'alarm' }),
    ];
    const ids = (f: Partial<typeof noFilter>, stateOf = never, max?: number) =>
      pulsePoints(alarms, sensors, { ...noFilter, ...f }, stateOf, max).map((p) => p.id);
    expect(ids({ hiddenKinds: new Set(['gas_ch4']) })).toEqual([1, 3]);
    expect(ids({ region: '330000' })).toEqual([1, 2]);
    expect(ids({ hiddenStates: new Set(['alarm']) })).toEqual([]);
    // The live state wins over the one read with the sensor's place.
    expect(ids({ hiddenStates: new Set(['normal']) }, (id) => (id === 1 ? 'normal' : null))).toEqual([2, 3]);
    expect(ids({}, never, 2)).toEqual([1, 2]);
  });
});
