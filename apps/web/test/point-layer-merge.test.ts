import type { PickingInfo } from '@deck.gl/core';
import { encodePointBatch, sensorKinds, sensorStates } from '@onemap/domain';
import { describe, expect, it } from 'vitest';
import { pointFilter } from '../src/data/point-filter';
import { toPointTile } from '../src/data/point-tiles';
import { sensors } from '../src/layers/sensors';

/**
 * A point layer draws all its tiles as one deck.gl layer (one draw a frame, not one per tile): every
 * tile's points with their own colours, picked back to their own features, rebuilt only when a tile
 * or the filter changes.
 */
const S = (s: string) => sensorStates.indexOf(s as never);
const K = (k: string) => sensorKinds.indexOf(k as never);
const tileOf = (x: number, points: Array<{ id: number; lon: number; state: string }>) =>
  toPointTile(
    'sensors',
    { z: 1, x, y: 0 },
    encodePointBatch(
      points.map((p) => ({ id: p.id, lon: p.lon, lat: 30, category: K('water_level'), state: S(p.state) })),
    ).buffer as ArrayBuffer,
  );

type Binary = { length: number; attributes: Record<string, { value: Float32Array | Uint8Array }> };
const codes = { category: sensorKinds.codes, state: sensorStates.codes };
const onlyAlarms = pointFilter(
  codes,
  { category: new Set(), state: new Set(sensorStates.codes.filter((s) => s !== 'alarm')) },
  null,
);
const drawn = (
  tiles: Parameters<typeof sensors.renderLayer>[0]['tiles'],
  filter: typeof onlyAlarms = null,
) => {
  const layers = sensors.renderLayer({ tiles, scale: 1, filter });
  expect(layers).toHaveLength(1);
  return layers[0] as NonNullable<(typeof layers)[0]>;
};
const pick = (layer: ReturnType<typeof drawn>, index: number) =>
  sensors.featureIdAt({ layer, index } as unknown as PickingInfo);

describe('a point layer drawn from many tiles', () => {
  const west = tileOf(0, [
    { id: 11, lon: -120, state: 'normal' },
    { id: 12, lon: -110, state: 'alarm' },
  ]);
  const east = tileOf(1, [{ id: 21, lon: 120, state: 'warning' }]);

  it('draws every tile’s points, in their colours, as one layer picked back to each feature', () => {
    const layer = drawn([west, east]);
    const data = layer.props.data as unknown as Binary;
    expect(data.length).toBe(3);
    expect([...(data.attributes.getPosition?.value ?? [])].filter((_, i) => i % 2 === 0)).toEqual([
      -120, -110, 120,
    ]);
    const colours = data.attributes.getFillColor?.value as Uint8Array;
    // Three states, three colours: each point keeps the colour of its own state.
    const rgb = (i: number) => [...colours.subarray(4 * i, 4 * i + 3)].join(',');
    expect(new Set([rgb(0), rgb(1), rgb(2)]).size).toBe(3);
    expect([pick(layer, 0), pick(layer, 1), pick(layer, 2)]).toEqual([11, 12, 21]);
  });

  it('reuses the merged arrays until a tile, its live states or the filter change', () => {
    const first = drawn([west, east]).props.data;
    expect(drawn([west, east]).props.data).toBe(first);
    east.revision++;
    const afterPatch = drawn([west, east]).props.data;
    expect(afterPatch).not.toBe(first);
    expect(drawn([west]).props.data).not.toBe(afterPatch);
    // Only sensors in alarm: the one point left is picked as itself.
    const alarms = drawn([west, east], onlyAlarms);
    expect((alarms.props.data as unknown as Binary).length).toBe(1);
    expect(pick(alarms, 0)).toBe(12);
  });

  it('draws nothing without tiles', () => {
    expect(sensors.renderLayer({ tiles: [], scale: 1 })).toEqual([]);
  });
});
