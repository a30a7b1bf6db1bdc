import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { type PointLayerId, pointLayers, type Vocabulary } from '@onemap/domain';
import type { PointTile } from '../data/point-tiles';
import { type ColorScheme, colorsForCodes } from './palette';
import { deckLayerId, type PointLayerModule, type PointRenderProps } from './types';

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
}

/** What a tile layer's `data` holds: deck.gl's binary form, plus the tile for picking. */
interface TileData {
  length: number;
  attributes: Record<string, { value: Float32Array | Uint8Array; size: number; normalized?: boolean }>;
  tile: PointTile;
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
  // Colour and size arrays depend only on the tile, so each is built once per tile and reused.
  const dataCache = new WeakMap<PointTile, TileData>();
  const dataFor = (tile: PointTile): TileData => {
    let data = dataCache.get(tile);
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
      dataCache.set(tile, data);
    }
    return data;
  };
  const light = options.outline === 'light';

  return {
    kind: 'points',
    id: options.id,
    label: spec.label,
    group: spec.group,
    colorBy: options.colorBy,
    legend: () => options.colors.legend,
    renderLayer({ tiles, scale }: PointRenderProps): Layer[] {
      return tiles.map(
        (tile) =>
          new ScatterplotLayer({
            id: deckLayerId(options.id, tile.key),
            // deck.gl accepts binary attributes in place of an array; its typings only know the latter.
            data: dataFor(tile) as never,
            getRadius: typeof options.radius === 'number' ? options.radius : 4,
            radiusUnits: 'pixels',
            radiusScale: scale,
            radiusMinPixels: 2,
            stroked: true,
            getLineColor: light ? [255, 255, 255, 230] : [6, 14, 24, 200],
            getLineWidth: light ? 1.5 : 1,
            lineWidthUnits: 'pixels',
            lineWidthScale: scale,
            pickable: true,
            autoHighlight: true,
            highlightColor: [255, 255, 255, 160],
          }),
      );
    },
    featureIdAt(info: PickingInfo): number | null {
      const data = info.layer?.props.data as TileData | undefined;
      if (!data?.tile || info.index < 0) return null;
      return data.tile.batch.ids[info.index] ?? null;
    },
  };
}
