import { encodePointBatch, sensorKinds, sensorStates } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { pointFilter, pointMask, pointShown, type RegionTest } from '../src/data/point-filter';
import { pointStatsInView, toPointTile } from '../src/data/point-tiles';
import { hiddenKindsOf } from '../src/data/sensor-filter';

const K = (k: string) => sensorKinds.indexOf(k as never);
const S = (s: string) => sensorStates.indexOf(s as never);

// Four sensors around Hangzhou and one in Chengdu.
const tile = toPointTile(
  'sensors',
  { z: 0, x: 0, y: 0 },
  encodePointBatch([
    { id: 1, lon: 120.1, lat: 30.2, category: K('water_level'), state: S('alarm') },
    { id: 2, lon: 120.2, lat: 30.3, category: K('water_level'), state: S('normal') },
    { id: 3, lon: 120.3, lat: 30.1, category: K('gas_ch4'), state: S('alarm') },
    { id: 4, lon: 120.4, lat: 30.4, category: K('camera'), state: S('offline') },
    { id: 5, lon: 104.1, lat: 30.7, category: K('water_level'), state: S('alarm') },
  ]).buffer as ArrayBuffer,
);
const codes = { category: sensorKinds.codes, state: sensorStates.codes };
const none = { category: new Set<string>(), state: new Set<string>() };
const eastOf110: RegionTest = { code: 'east', contains: (lon) => lon > 110 };
const CHINA: [number, number, number, number] = [73, 3, 136, 54];

describe('pointFilter', () => {
  it('is null when it leaves nothing out', () => {
    expect(pointFilter(codes, none, null)).toBeNull();
  });

  it('keeps the points of the kinds, states and region let through', () => {
    const byState = pointFilter(codes, { ...none, state: new Set(['normal', 'offline']) }, null);
    expect([...pointMask(tile, byState as never)]).toEqual([1, 0, 1, 0, 1]);
    const byKind = pointFilter(codes, { ...none, category: new Set(['gas_ch4', 'camera']) }, null);
    expect([...pointMask(tile, byKind as never)]).toEqual([1, 1, 0, 0, 1]);
    const byRegion = pointFilter(codes, none, eastOf110);
    expect([...pointMask(tile, byRegion as never)]).toEqual([1, 1, 1, 1, 0]);
  });

  it('follows live state changes patched into the tile', () => {
    const alarmsOnly = pointFilter(
      codes,
      { ...none, state: new Set(['normal', 'warning', 'offline', 'fault']) },
      null,
    );
    expect([...pointMask(tile, alarmsOnly as never)]).toEqual([1, 0, 1, 0, 1]);
    tile.batch.state[1] = S('alarm');
    tile.revision++;
    expect([...pointMask(tile, alarmsOnly as never)]).toEqual([1, 1, 1, 0, 1]);
    tile.batch.state[1] = S('normal');
    tile.revision++;
  });

  it('makes the counts in view follow it', () => {
    const stats = pointStatsInView(
      [tile],
      CHINA,
      sensorKinds.codes.length,
      sensorStates.codes.length,
      pointFilter(codes, { ...none, category: new Set(['gas_ch4']) }, eastOf110),
    );
    expect(stats.count).toBe(3);
    expect(stats.byState[S('alarm')]).toBe(1);
    expect(stats.byCategory[K('water_level')]).toBe(2);
  });

  it('counts live states drawn over the tile as what is shown', () => {
    const overrides = new Map([
      [
        tile,
        new Map([
          [1, S('alarm')],
          [0, S('normal')],
        ]),
      ],
    ]);
    const all = pointStatsInView(
      [tile],
      CHINA,
      sensorKinds.codes.length,
      sensorStates.codes.length,
      null,
      overrides,
    );
    expect(all.byState[S('alarm')]).toBe(3);
    expect(all.byState[S('normal')]).toBe(1);
    const alarmsOnly = pointFilter(
      codes,
      { ...none, state: new Set(['normal', 'warning', 'offline', 'fault']) },
      null,
    );
    const shown = pointStatsInView(
      [tile],
      CHINA,
      sensorKinds.codes.length,
      sensorStates.codes.length,
      alarmsOnly,
      overrides,
    );
    expect(shown.count).toBe(3); // #2 went into alarm, #1 out of it
  });

  it('says whether a point shows in a state it is not drawn in yet', () => {
    const alarmsOnly = pointFilter(codes, { ...none, state: new Set(['normal']) }, eastOf110);
    expect(pointShown(tile, 1, S('alarm'), alarmsOnly)).toBe(true);
    expect(pointShown(tile, 1, S('normal'), alarmsOnly)).toBe(false);
    expect(pointShown(tile, 4, S('alarm'), alarmsOnly)).toBe(false); // Chengdu, outside the region
    expect(pointShown(tile, 4, S('normal'), null)).toBe(true);
  });
});

describe('hiddenKindsOf', () => {
  it('hides every kind of a channel switched off', () => {
    const hidden = hiddenKindsOf({
      hiddenChannels: new Set(['video', 'satellite']),
      hiddenKinds: new Set(['rainfall']),
    });
    expect([...hidden].sort()).toEqual(['camera', 'fire_hotspot', 'rainfall']);
  });
});
