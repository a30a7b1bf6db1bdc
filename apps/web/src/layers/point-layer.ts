import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { type PointLayerId, pointLayers, type Vocabulary } from '@onemap/domain';
import { type PointFilter, pointMask } from '../data/point-filter';
import type { PointTile } from '../data/point-tiles';
import { type ColorScheme, colorsForCodes, pickHighlight } from './palette';
import { deckLayerId, type PointLayerModule, type PointRenderProps, type RGBA } from './types';

/** Point radii per category code, for layers whose kinds differ in importance. */
export interface SizeScheme {
  readonly byPosition: readonly number[];
}

export function sizeScheme<C extends string>(
  vocabulary: Vocabulary<C>,
  byCode: Record<C, number>,
): SizeScheme {
  return { byPosition: vocabulary.codes.map((c) => byCode[c]) };
}

export interface PointLayerOptions {
  id: PointLayerId;
  colorBy: 'category' | 'state';
  colors: ColorScheme;
  /** Radius in CSS pixels at a UI scale of 1, for all points or per category. */
  radius: number | SizeScheme;
  /** Important few (incidents) get a light ring so they stand out from the crowd beneath. */
  outline?: 'dark' | 'light';
  /**
   * Points in this state get a ring (sensors in alarm): they must not be missed. The ring is
   * static; alarms awaiting acknowledgement beat as well (features/alarms/alarm-pulses).
   */
  ring?: { state: string; color: RGBA };
}

/** What a tile layer's `data` holds: deck.gl's binary form, plus the tile for picking. */
interface TileData {
  length: number;
  attributes: Record<string, { value: Float32Array | Uint8Array; size: number; normalized?: boolean }>;
  tile: PointTile;
  /** The feature id of each drawn point, when a filter left out some of the tile's. */
  ids?: Uint32Array;
}

/** The elements of `values` (`size` per point) of the points the mask keeps. */
function compact<T extends Float32Array | Uint8Array | Uint32Array>(
  values: T,
  size: number,
  mask: Uint8Array,
  kept: number,
): T {
  const out = new (values.constructor as new (n: number) => T)(kept * size);
  let at = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    for (let k = 0; k < size; k++) out[at * size + k] = values[i * size + k] as number;
    at++;
  }
  return out;
}

/** A tile's drawing data with only the points the filter keeps: fewer points to draw and to pick. */
function filtered(data: TileData, mask: Uint8Array): TileData {
  let kept = 0;
  for (let i = 0; i < mask.length; i++) kept += mask[i] as number;
  const attributes: TileData['attributes'] = {};
  for (const [name, a] of Object.entries(data.attributes)) {
    attributes[name] = { ...a, value: compact(a.value, a.size, mask, kept) };
  }
  return { length: kept, attributes, tile: data.tile, ids: compact(data.tile.batch.ids, 1, mask, kept) };
}

/**
 * A point layer drawn from binary tiles: one deck.gl ScatterplotLayer per tile, so a new tile adds
 * a layer instead of rebuilding the others, and positions and colours go to the GPU as typed arrays
 * without creating an object per point.
 */
export function definePointLayer(options: PointLayerOptions): PointLayerModule {
  const spec = pointLayers[options.id];
  const vocabulary = spec[options.colorBy];
  if (options.colors.vocabulary !== vocabulary) {
    throw new Error(`layer ${options.id}: its colours are not for its ${options.colorBy} vocabulary`);
  }
  // Colour and size arrays depend only on the tile, so each is built once per tile and revision
  // (live states patched in) and reused.
  const dataCache = new WeakMap<PointTile, { revision: number; data: TileData }>();
  const filteredCache = new WeakMap<PointTile, { revision: number; key: string; data: TileData }>();
  const drawnData = (tile: PointTile, filter: PointFilter | null): TileData => {
    if (!filter) return dataFor(tile);
    const cached = filteredCache.get(tile);
    if (cached?.revision === tile.revision && cached.key === filter.key) return cached.data;
    const data = filtered(dataFor(tile), pointMask(tile, filter));
    filteredCache.set(tile, { revision: tile.revision, key: filter.key, data });
    return data;
  };
  const dataFor = (tile: PointTile): TileData => {
    let data = dataCache.get(tile)?.revision === tile.revision ? dataCache.get(tile)?.data : undefined;
    if (!data) {
      const { batch } = tile;
      const attributes: TileData['attributes'] = {
        getPosition: { value: tile.positions, size: 2 },
        getFillColor: {
          value: colorsForCodes(batch[options.colorBy], options.colors),
          size: 4,
          normalized: true,
        },
      };
      const { radius } = options;
      if (typeof radius !== 'number') {
        const radii = new Float32Array(batch.count);
        for (let i = 0; i < batch.count; i++) radii[i] = radius.byPosition[batch.category[i] as number] ?? 4;
        attributes.getRadius = { value: radii, size: 1 };
      }
      data = { length: batch.count, attributes, tile };
      dataCache.set(tile, { revision: tile.revision, data });
    }
    return data;
  };
  const ringState = options.ring ? vocabulary.indexOf(options.ring.state) : -1;
  if (options.ring && (options.colorBy !== 'state' || ringState < 0)) {
    throw new Error(`layer ${options.id}: a ring needs a state of its state vocabulary`);
  }
  // The positions of a tile's ringed points, per tile, revision and filter; usually none.
  const ringCache = new WeakMap<PointTile, { revision: number; key: string; positions: Float32Array }>();
  const ringPositionsOf = (tile: PointTile, filter: PointFilter | null): Float32Array => {
    const key = filter?.key ?? '';
    const cached = ringCache.get(tile);
    if (cached?.revision === tile.revision && cached.key === key) return cached.positions;
    const { batch } = tile;
    const shown = filter ? pointMask(tile, filter) : null;
    const out: number[] = [];
    for (let i = 0; i < batch.count; i++) {
      if (batch.state[i] === ringState && (!shown || shown[i] === 1)) {
        out.push(batch.lon[i] as number, batch.lat[i] as number);
      }
    }
    const positions = new Float32Array(out);
    ringCache.set(tile, { revision: tile.revision, key, positions });
    return positions;
  };
  const baseRadius = typeof options.radius === 'number' ? options.radius : 4;
  const light = options.outline === 'light';

  return {
    kind: 'points',
    id: options.id,
    label: spec.label,
    group: spec.group,
    colorBy: options.colorBy,
    legend: () => options.colors.legend,
    renderLayer({ tiles, scale, filter = null }: PointRenderProps): Layer[] {
      const points = tiles.map(
        (tile) =>
          new ScatterplotLayer({
            id: deckLayerId(options.id, tile.key),
            // deck.gl accepts binary attributes in place of an array; its typings only know the latter.
            data: drawnData(tile, filter) as never,
            getRadius: typeof options.radius === 'number' ? options.radius : 4,
            radiusUnits: 'pixels',
            radiusScale: scale,
            radiusMinPixels: 2,
            stroked: true,
            getLineColor: light ? [255, 255, 255, 230] : [6, 14, 24, 200],
            getLineWidth: light ? 1.5 : 1,
            lineWidthUnits: 'pixels',
            lineWidthScale: scale,
            ...pickHighlight(160),
          }),
      );
      const ring = options.ring;
      if (!ring) return points;
      const rings = tiles.flatMap((tile) => {
        const positions = ringPositionsOf(tile, filter);
        if (positions.length === 0) return [];
        return [
          new ScatterplotLayer({
            id: deckLayerId(options.id, `${tile.key}|ring`),
            data: {
              length: positions.length / 2,
              attributes: { getPosition: { value: positions, size: 2 } },
            } as never,
            // Static: animating it here would redraw every layer of the map each frame.
            getRadius: baseRadius * 2.4,
            radiusUnits: 'pixels',
            radiusScale: scale,
            filled: false,
            stroked: true,
            getLineColor: [...ring.color],
            getLineWidth: 2,
            lineWidthUnits: 'pixels',
            lineWidthScale: scale,
            pickable: false,
          }),
        ];
      });
      // Rings above every point of the layer, so a neighbour's dot never hides one.
      return [...points, ...rings];
    },
    featureIdAt(info: PickingInfo): number | null {
      const data = info.layer?.props.data as TileData | undefined;
      if (!data?.tile || info.index < 0) return null;
      return (data.ids ?? data.tile.batch.ids)[info.index] ?? null;
    },
  };
}
