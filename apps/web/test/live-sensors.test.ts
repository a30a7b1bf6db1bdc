import { encodePointBatch, type SensorChange, sensorStates } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { LiveSensorStates } from '../src/data/live-sensors';
import { toPointTile } from '../src/data/point-tiles';

const NORMAL = sensorStates.indexOf('normal');

const tileOf = (ids: number[], x = 26) =>
  toPointTile(
    'sensors',
    { z: 5, x, y: 12 },
    encodePointBatch(ids.map((id) => ({ id, lon: 116, lat: 40, category: 0, state: NORMAL })))
      .buffer as ArrayBuffer,
  );

const change = (id: number, state: SensorChange['state']): SensorChange => ({
  id,
  code: `S${id}`,
  state,
  lastValue: 1,
  lastReadingAt: '2025-01-01T00:00:00.000Z',
});

const ALARM = sensorStates.indexOf('alarm');

describe('LiveSensorStates', () => {
  it('holds a new state over its tile, found by id, until folded into the tile', () => {
    const live = new LiveSensorStates();
    const a = tileOf([1, 2, 3]);
    const b = tileOf([7, 8], 27);
    live.add(a);
    live.add(b);
    expect(live.stateOf(8)).toBe('normal');

    expect(live.apply([change(8, 'alarm')])).toEqual({ tiles: false, overrides: true });
    expect(live.stateOf(8)).toBe('alarm');
    expect(b.batch.state[1]).toBe(NORMAL); // the tile, and so the main canvas, untouched
    expect(live.overrides.get(b)?.get(1)).toBe(ALARM);
    expect(live.overrideCount).toBe(1);

    expect(live.fold()).toBe(true);
    expect(b.batch.state[1]).toBe(ALARM);
    // Only the touched tile is redrawn.
    expect(b.revision).toBe(1);
    expect(a.revision).toBe(0);
    expect(live.overrideCount).toBe(0);
    expect(live.stateOf(8)).toBe('alarm');
    expect(live.fold()).toBe(false);
  });

  it('patches the tile in place when asked to, dropping what it held over it', () => {
    const live = new LiveSensorStates();
    const a = tileOf([1, 2]);
    live.add(a);
    live.apply([change(2, 'warning')]);
    expect(live.apply([change(1, 'alarm'), change(2, 'fault')], { intoTiles: true })).toEqual({
      tiles: true,
      overrides: true,
    });
    expect([...a.batch.state]).toEqual([ALARM, sensorStates.indexOf('fault')]);
    expect(live.overrideCount).toBe(0);
    expect(a.revision).toBe(1);
  });

  it('ignores sensors in no loaded tile, and changes that change nothing', () => {
    const live = new LiveSensorStates();
    const a = tileOf([1, 2]);
    live.add(a);
    expect(live.apply([change(99, 'alarm'), change(1, 'normal')])).toEqual({
      tiles: false,
      overrides: false,
    });
    expect(a.revision).toBe(0);
    expect(live.stateOf(99)).toBeNull();
  });

  it('drops the override of a sensor that went back to what its tile shows', () => {
    const live = new LiveSensorStates();
    live.add(tileOf([1]));
    live.apply([change(1, 'alarm')]);
    expect(live.apply([change(1, 'normal')])).toEqual({ tiles: false, overrides: true });
    expect(live.overrideCount).toBe(0);
    expect(live.overrides.size).toBe(0);
  });

  it('applies a change seen earlier to a tile decoded later', () => {
    const live = new LiveSensorStates();
    live.apply([change(5, 'fault'), change(6, 'warning')]);
    const late = tileOf([4, 5, 6]);
    live.add(late);
    expect(live.stateOf(4)).toBe('normal');
    expect(live.stateOf(5)).toBe('fault');
    expect(live.stateOf(6)).toBe('warning');
    expect(late.revision).toBe(1);
  });

  it('keeps the newest change per sensor, and a refetched tile takes over the lookup and the override', () => {
    const live = new LiveSensorStates();
    const first = tileOf([1]);
    live.add(first);
    live.apply([change(1, 'alarm')]);
    live.apply([change(1, 'warning')]);
    // The browser's cached copy of the tile still says normal: the stream's newer word wins.
    const again = tileOf([1]);
    live.add(again);
    expect(again.batch.state[0]).toBe(sensorStates.indexOf('warning'));
    expect(live.stateOf(1)).toBe('warning');
    expect(live.overrides.has(first)).toBe(false);
    expect(live.overrideCount).toBe(0);
  });

  it('trusts refetched tiles after forgetting the seen changes, and forgets all on reset', () => {
    const live = new LiveSensorStates();
    live.apply([change(1, 'alarm')]);
    live.forgetSeen();
    const fresh = tileOf([1]);
    live.add(fresh);
    expect(live.stateOf(1)).toBe('normal');
    live.apply([change(1, 'alarm')]);
    live.reset();
    expect(live.stateOf(1)).toBeNull();
    expect(live.overrideCount).toBe(0);
  });
});
