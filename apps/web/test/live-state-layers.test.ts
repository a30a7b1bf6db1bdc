import type { PickingInfo } from '@deck.gl/core';
import { encodePointBatch, sensorKinds, sensorStates } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { pointFilter } from '../src/data/point-filter';
import { toPointTile } from '../src/data/point-tiles';
import { sensors } from '../src/layers/sensors';

const S = (s: string) => sensorStates.indexOf(s as never);
const K = (k: string) => sensorKinds.indexOf(k as never);

// Sensor 1 is in alarm in its tile, 2 and 3 are normal.
const tile = toPointTile(
  'sensors',
  { z: 0, x: 0, y: 0 },
  encodePointBatch([
    { id: 1, lon: 120.1, lat: 30.2, category: K('water_level'), state: S('alarm') },
    { id: 2, lon: 120.2, lat: 30.3, category: K('gas_ch4'), state: S('normal') },
    { id: 3, lon: 120.3, lat: 30.1, category: K('water_level'), state: S('normal') },
  ]).buffer as ArrayBuffer,
);

type Binary = {
  length: number;
  attributes: Record<string, { value: Float32Array | Uint8Array }>;
  ids?: Uint32Array;
};
const dataOf = (layers: ReturnType<typeof sensors.renderLive>, id: string) =>
  layers.find((l) => l.id === id)?.props.data as Binary | undefined;
const lonLats = (data: Binary | undefined) =>
  [...(data?.attributes.getPosition?.value ?? [])].map((v) => Math.round(v * 10) / 10);

describe('the sensors layer on the live canvas', () => {
  it('draws the tiles on the main canvas without rings, and the rings on the live one', () => {
    const base = sensors.renderLayer({ tiles: [tile], scale: 1 });
    expect(base.map((l) => l.id)).toEqual(['sensors|tiles']);
    const live = sensors.renderLive({ tiles: [tile], scale: 1 });
    expect(live.map((l) => l.id)).toEqual(['sensors|rings']);
    expect(lonLats(dataOf(live, 'sensors|rings'))).toEqual([120.1, 30.2]);
  });

  it('draws each live state over its tile: a dot in the new colour, the ring where alarms are now', () => {
    const overrides = new Map([
      [
        tile,
        new Map([
          [0, S('normal')],
          [1, S('alarm')],
        ]),
      ],
    ]);
    const live = sensors.renderLive({ tiles: [tile], scale: 1, overrides });
    const dots = dataOf(live, 'sensors|live');
    expect([...(dots?.ids ?? [])]).toEqual([1, 2]);
    const colour = (i: number) => [...(dots?.attributes.getFillColor?.value ?? [])].slice(i * 4, i * 4 + 4);
    const green = colour(0);
    const red = colour(1);
    expect(green).not.toEqual(red);
    expect(red[0]).toBeGreaterThan(red[1] as number); // red: more red than green
    expect(green[1]).toBeGreaterThan(green[0] as number);
    // #1 left the alarm, #2 joined it.
    expect(lonLats(dataOf(live, 'sensors|rings'))).toEqual([120.2, 30.3]);
    // A click on a live dot is a click on that sensor.
    const layer = live.find((l) => l.id === 'sensors|live');
    expect(sensors.featureIdAt({ layer, index: 1 } as unknown as PickingInfo)).toBe(2);
  });

  it('leaves out what the filter hides, live states included', () => {
    const overrides = new Map([
      [
        tile,
        new Map([
          [1, S('alarm')],
          [2, S('alarm')],
        ]),
      ],
    ]);
    const noGas = pointFilter(
      { category: sensorKinds.codes, state: sensorStates.codes },
      { category: new Set(['gas_ch4']), state: new Set() },
      null,
    );
    const live = sensors.renderLive({ tiles: [tile], scale: 1, overrides, filter: noGas });
    expect([...(dataOf(live, 'sensors|live')?.ids ?? [])]).toEqual([3]);
    expect(lonLats(dataOf(live, 'sensors|rings'))).toEqual([120.1, 30.2, 120.3, 30.1]);
  });

  it('draws nothing for overrides of tiles no longer shown', () => {
    const gone = toPointTile(
      'sensors',
      { z: 0, x: 1, y: 0 },
      encodePointBatch([{ id: 9, lon: 100, lat: 30, category: 0, state: S('normal') }]).buffer as ArrayBuffer,
    );
    const live = sensors.renderLive({
      tiles: [tile],
      scale: 1,
      overrides: new Map([[gone, new Map([[0, S('alarm')]])]]),
    });
    expect(dataOf(live, 'sensors|live')).toBeUndefined();
  });
});
