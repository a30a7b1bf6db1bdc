import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { type PointLayerId, pointLayers, type Vocabulary } from '@onemap/domain';
import type { StateOverrides } from '../data/live-sensors';
import { type PointFilter, pointMask, pointShown } from '../data/point-filter';
import type { PointTile } from '../data/point-tiles';
import { type ColorScheme, colorsForCodes, pickHighlight } from './palette';
import {
  deckLayerId,
  type PointLayerModule,
  type PointLiveRenderProps,
  type PointRenderProps,
  type RGBA,
} from './types';

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

/** What a point layer's `data` holds: deck.gl's binary form, plus the tile or ids for picking. */
export interface TileData {
  length: number;
  attributes: Record<string, { value: Float32Array | Uint8Array; size: number; normalized?: boolean }>;
  /** The tile drawn; absent for the live overrides, which come from several. */
  tile?: PointTile;
  /** The feature id of each drawn point, when not all of one tile's are drawn in order. */
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
function filtered(data: TileData, tile: PointTile, mask: Uint8Array): TileData {
  let kept = 0;
  for (let i = 0; i < mask.length; i++) kept += mask[i] as number;
  const attributes: TileData['attributes'] = {};
  for (const [name, a] of Object.entries(data.attributes)) {
    attributes[name] = { ...a, value: compact(a.value, a.size, mask, kept) };
  }
  return { length: kept, attributes, tile, ids: compact(tile.batch.ids, 1, mask, kept) };
}

/**
 * The drawing data of several tiles as one: every attribute concatenated, with the feature id of
 * each point for picking.
 */
export function mergedTileData(parts: readonly TileData[]): TileData {
  let length = 0;
  for (const part of parts) length += part.length;
  const attributes: TileData['attributes'] = {};
  for (const [name, first] of Object.entries(parts[0]?.attributes ?? {})) {
    const value = new (first.value.constructor as new (n: number) => Float32Array | Uint8Array)(
      length * first.size,
    );
    let at = 0;
    for (const part of parts) {
      const own = part.attributes[name]?.value as Float32Array | Uint8Array;
      value.set(own.subarray(0, part.length * first.size), at);
      at += part.length * first.size;
    }
    attributes[name] = { ...first, value };
  }
  const ids = new Uint32Array(length);
  let at = 0;
  for (const part of parts) {
    ids.set((part.ids ?? part.tile?.batch.ids ?? new Uint32Array(0)).subarray(0, part.length), at);
    at += part.length;
  }
  return { length, attributes, ids };
}

/**
 * A point layer drawn from binary tiles: positions and colours go to the GPU as typed arrays without
 * creating an object per point, and all of a layer's tiles are drawn as one deck.gl layer. One layer
 * per tile re-sent less when a tile arrived, but each deck.gl layer costs a draw of its own every
 * frame: 400 layers of 250 points panned at 0.5–0.75 frames per second where one of 100,000 did 3
 * (software GL, e2e/bench); with fourteen layers of up to forty tiles each, the map paid that.
 * Concatenating the tiles again when one changes costs a copy of the layer's arrays, done once per
 * change, not per frame.
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
    const data = filtered(dataFor(tile), tile, pointMask(tile, filter));
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
  // The indexes of a tile's points in the ringed state, per tile, revision and filter; usually none.
  const ringCache = new WeakMap<PointTile, { revision: number; key: string; indexes: number[] }>();
  const ringIndexesOf = (tile: PointTile, filter: PointFilter | null): number[] => {
    const key = filter?.key ?? '';
    const cached = ringCache.get(tile);
    if (cached?.revision === tile.revision && cached.key === key) return cached.indexes;
    const { batch } = tile;
    const shown = filter ? pointMask(tile, filter) : null;
    const indexes: number[] = [];
    for (let i = 0; i < batch.count; i++) {
      if (batch.state[i] === ringState && (!shown || shown[i] === 1)) indexes.push(i);
    }
    ringCache.set(tile, { revision: tile.revision, key, indexes });
    return indexes;
  };
  // The tiles last drawn, each at its revision, under the filter last drawn, and their merged data.
  let merged: { drawn: Array<[PointTile, number]>; filterKey: string; data: TileData } | null = null;
  const mergedData = (tiles: readonly PointTile[], filter: PointFilter | null): TileData => {
    const filterKey = filter?.key ?? '';
    const last = merged;
    if (
      last?.filterKey === filterKey &&
      last.drawn.length === tiles.length &&
      tiles.every((t, i) => last.drawn[i]?.[0] === t && last.drawn[i]?.[1] === t.revision)
    ) {
      return last.data;
    }
    const data = mergedTileData(tiles.map((tile) => drawnData(tile, filter)));
    merged = { drawn: tiles.map((t) => [t, t.revision]), filterKey, data };
    return data;
  };
  const baseRadius = typeof options.radius === 'number' ? options.radius : 4;
  const light = options.outline === 'light';
  const dots = (id: string, data: TileData, scale: number) =>
    new ScatterplotLayer({
      id,
      // deck.gl accepts binary attributes in place of an array; its typings only know the latter.
      data: data as never,
      getRadius: baseRadius,
      radiusUnits: 'pixels',
      radiusScale: scale,
      radiusMinPixels: 2,
      stroked: true,
      getLineColor: light ? [255, 255, 255, 230] : [6, 14, 24, 200],
      getLineWidth: light ? 1.5 : 1,
      lineWidthUnits: 'pixels',
      lineWidthScale: scale,
      ...pickHighlight(160),
    });

  /** The overridden points the filter shows, drawn as the tiles draw them but in their live state. */
  const overlayData = (
    overrides: StateOverrides,
    tiles: readonly PointTile[],
    filter: PointFilter | null,
  ) => {
    const loaded = new Set(tiles);
    const positions: number[] = [];
    const codes: number[] = [];
    const categories: number[] = [];
    const ids: number[] = [];
    for (const [tile, byIndex] of overrides) {
      if (!loaded.has(tile)) continue;
      const { batch } = tile;
      for (const [i, state] of byIndex) {
        if (!pointShown(tile, i, state, filter)) continue;
        positions.push(tile.positions[i * 2] as number, tile.positions[i * 2 + 1] as number);
        codes.push(options.colorBy === 'state' ? state : (batch.category[i] as number));
        categories.push(batch.category[i] as number);
        ids.push(batch.ids[i] as number);
      }
    }
    const attributes: TileData['attributes'] = {
      getPosition: { value: new Float32Array(positions), size: 2 },
      getFillColor: {
        value: colorsForCodes(Uint8Array.from(codes), options.colors),
        size: 4,
        normalized: true,
      },
    };
    const { radius } = options;
    if (typeof radius !== 'number') {
      attributes.getRadius = {
        value: Float32Array.from(categories, (c) => radius.byPosition[c] ?? 4),
        size: 1,
      };
    }
    return { length: ids.length, attributes, ids: Uint32Array.from(ids) } satisfies TileData;
  };

  /** Every ringed point, in its live state: from the tiles, less those overridden out of it, plus those overridden into it. */
  const ringPositions = (
    tiles: readonly PointTile[],
    filter: PointFilter | null,
    overrides: StateOverrides | undefined,
  ): Float32Array => {
    const out: number[] = [];
    for (const tile of tiles) {
      const live = overrides?.get(tile);
      for (const i of ringIndexesOf(tile, filter)) {
        const state = live?.get(i);
        if (state !== undefined && state !== ringState) continue;
        out.push(tile.positions[i * 2] as number, tile.positions[i * 2 + 1] as number);
      }
      if (!live) continue;
      for (const [i, state] of live) {
        if (state !== ringState || tile.batch.state[i] === ringState) continue;
        if (pointShown(tile, i, state, filter))
          out.push(tile.positions[i * 2] as number, tile.positions[i * 2 + 1] as number);
      }
    }
    return new Float32Array(out);
  };

  return {
    kind: 'points',
    id: options.id,
    label: spec.label,
    group: spec.group,
    colorBy: options.colorBy,
    legend: () => options.colors.legend,
    renderLayer({ tiles, scale, filter = null }: PointRenderProps): Layer[] {
      if (tiles.length === 0) return [];
      return [dots(deckLayerId(options.id, 'tiles'), mergedData(tiles, filter), scale)];
    },
    renderLive({ tiles, scale, filter = null, overrides }: PointLiveRenderProps): Layer[] {
      const layers: Layer[] = [];
      if (overrides && overrides.size > 0) {
        const data = overlayData(overrides, tiles, filter);
        // Exactly over the tiles' dots, which still show the state before.
        if (data.length > 0) layers.push(dots(deckLayerId(options.id, 'live'), data, scale));
      }
      const ring = options.ring;
      if (!ring) return layers;
      const positions = ringPositions(tiles, filter, overrides);
      if (positions.length === 0) return layers;
      layers.push(
        new ScatterplotLayer({
          id: deckLayerId(options.id, 'rings'),
          data: {
            length: positions.length / 2,
            attributes: { getPosition: { value: positions, size: 2 } },
          } as never,
          // Static: animating it here would redraw the live canvas every frame.
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
      );
      return layers;
    },
    featureIdAt(info: PickingInfo): number | null {
      const data = info.layer?.props.data as TileData | undefined;
      if (!data || info.index < 0) return null;
      return (data.ids ?? data.tile?.batch.ids)?.[info.index] ?? null;
    },
  };
}
