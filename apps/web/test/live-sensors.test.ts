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

describe('LiveSensorStates', () => {
  it('finds a sensor by id in the loaded tiles and patches its state in place', () => {
    const live = new LiveSensorStates();
    const a = tileOf([1, 2, 3]);
    const b = tileOf([7, 8], 27);
    live.add(a);
    live.add(b);
    expect(live.stateOf(8)).toBe('normal');

    expect(live.apply([change(8, 'alarm')])).toBe(true);
    expect(b.batch.state[1]).toBe(sensorStates.indexOf('alarm'));
    expect(live.stateOf(8)).toBe('alarm');
    // Only the touched tile is redrawn.
    expect(b.revision).toBe(1);
    expect(a.revision).toBe(0);
  });

  it('ignores sensors in no loaded tile, and changes that change nothing', () => {
    const live = new LiveSensorStates();
    const a = tileOf([1, 2]);
    live.add(a);
    expect(live.apply([change(99, 'alarm'), change(1, 'normal')])).toBe(false);
    expect(a.revision).toBe(0);
    expect(live.stateOf(99)).toBeNull();
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

  it('keeps the newest change per sensor, and a refetched tile takes over the lookup', () => {
    const live = new LiveSensorStates();
    live.add(tileOf([1]));
    live.apply([change(1, 'alarm')]);
    live.apply([change(1, 'warning')]);
    // The browser's cached copy of the tile still says normal: the stream's newer word wins.
    const again = tileOf([1]);
    live.add(again);
    expect(again.batch.state[0]).toBe(sensorStates.indexOf('warning'));
    expect(live.stateOf(1)).toBe('warning');
  });

  it('trusts refetched tiles after forgetting the seen changes, and forgets all on reset', () => {
    const live = new LiveSensorStates();
    live.apply([change(1, 'alarm')]);
    live.forgetSeen();
    const fresh = tileOf([1]);
    live.add(fresh);
    expect(live.stateOf(1)).toBe('normal');
    live.reset();
    expect(live.stateOf(1)).toBeNull();
  });
});
