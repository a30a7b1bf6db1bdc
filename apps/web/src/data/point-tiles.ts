import { decodePointBatch, type PointBatch, type PointLayerId } from '@onemap/domain';
import {
  type BBox,
  bboxContains,
  bboxIntersects,
  type TileZXY,
  tileBounds,
  tileKey,
  tilesCoveringBBox,
} from '@onemap/geo';
import { queryOptions } from '@tanstack/react-query';
import { HttpError } from './errors';
import { liveSensors, type StateOverrides } from './live-sensors';
import { liveTeams } from './live-teams';
import { type PointFilter, pointMask, pointShown } from './point-filter';

/** One decoded tile of a point layer, ready to draw: the batch plus its positions interleaved. */
export interface PointTile {
  readonly layer: PointLayerId;
  readonly key: string;
  readonly batch: PointBatch;
  /** [lon0, lat0, lon1, lat1, …]: the layout deck.gl's binary `getPosition` attribute takes. */
  readonly positions: Float32Array;
  readonly bbox: BBox;
  /** Bumped when the live stream patches the batch's states in place, so drawings rebuild. */
  revision: number;
}

/**
 * The area OneMap serves: China with its seas and islands. Tiles outside it hold nothing, and
 * clipping the view to it keeps a zoomed-out world view from asking for hundreds of empty tiles.
 */
export const SERVICE_EXTENT: BBox = [72, 3, 136, 54];

/** The tiles of a layer cut at `tileZoom` that a view needs, nothing outside the service extent. */
export function tilesForView(view: BBox, tileZoom: number): TileZXY[] {
  if (!bboxIntersects(view, SERVICE_EXTENT)) return [];
  const clipped: BBox = [
    Math.max(view[0], SERVICE_EXTENT[0]),
    Math.max(view[1], SERVICE_EXTENT[1]),
    Math.min(view[2], SERVICE_EXTENT[2]),
    Math.min(view[3], SERVICE_EXTENT[3]),
  ];
  return tilesCoveringBBox(clipped, tileZoom);
}

export function pointTileUrl(layer: PointLayerId, t: TileZXY): string {
  return `/api/v1/layers/${layer}/tiles/${t.z}/${t.x}/${t.y}.bin`;
}

export function toPointTile(layer: PointLayerId, t: TileZXY, bytes: ArrayBuffer): PointTile {
  const batch = decodePointBatch(bytes);
  const positions = new Float32Array(batch.count * 2);
  for (let i = 0; i < batch.count; i++) {
    positions[2 * i] = batch.lon[i] as number;
    positions[2 * i + 1] = batch.lat[i] as number;
  }
  return new DecodedTile(layer, tileKey(t.z, t.x, t.y), batch, positions, tileBounds(t.z, t.x, t.y));
}

/**
 * A class, not a plain object, on purpose: react-query structurally shares query data and the
 * results of `useQueries`' `combine` by copying plain objects it finds deeply equal in part, and
 * the map would then draw a copy of a tile. The live streams patch and bump the revision of the
 * tile they indexed, so a copy (sharing its arrays, not its revision) would never be redrawn.
 */
class DecodedTile implements PointTile {
  revision = 0;
  constructor(
    readonly layer: PointLayerId,
    readonly key: string,
    readonly batch: PointBatch,
    readonly positions: Float32Array,
    readonly bbox: BBox,
  ) {}
}

export type FetchBytes = (url: string, signal?: AbortSignal) => Promise<ArrayBuffer>;

/** Plain `fetch`: the server's ETag with `no-cache` lets the browser revalidate a tile for free. */
export const fetchBytes: FetchBytes = async (url, signal) => {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new HttpError(url, response.status);
  return response.arrayBuffer();
};

export const POINT_TILE_QUERY = 'point-tile';

export function pointTileKey(layer: PointLayerId, t: TileZXY) {
  return [POINT_TILE_QUERY, layer, tileKey(t.z, t.x, t.y)] as const;
}

/**
 * A tile is fetched once and kept: panning back to it costs no request. After `staleTime` a tile
 * seen again is revalidated, which with the ETag is a 304 unless its points changed; tiles out of
 * view for `gcTime` are dropped so a wall left running for days does not grow without bound.
 */
export function pointTileQuery(layer: PointLayerId, t: TileZXY, fetcher: FetchBytes = fetchBytes) {
  return queryOptions({
    queryKey: pointTileKey(layer, t),
    queryFn: async ({ signal }) => {
      const tile = toPointTile(layer, t, await fetcher(pointTileUrl(layer, t), signal));
      // A revalidated tile may carry states (and unit positions) older than what the live stream
      // has already said.
      if (layer === 'sensors') liveSensors.add(tile);
      if (layer === 'teams') liveTeams.add(tile);
      return tile;
    },
    staleTime: 2 * 60_000,
    gcTime: 30 * 60_000,
  });
}

export interface ViewStats {
  count: number;
  /** Counts per category code position, then per state code position. */
  byCategory: number[];
  byState: number[];
}

/** How many loaded points lie in the view (and pass the filter), in total and per category and state code. */
export function pointStatsInView(
  tiles: readonly PointTile[],
  view: BBox,
  categoryCount: number,
  stateCount: number,
  filter: PointFilter | null = null,
  /** Live states drawn over the tiles (`LiveSensorStates.overrides`): counted as what is shown. */
  overrides?: StateOverrides,
): ViewStats {
  const stats: ViewStats = {
    count: 0,
    byCategory: new Array<number>(categoryCount).fill(0),
    byState: new Array<number>(stateCount).fill(0),
  };
  for (const tile of tiles) {
    if (!bboxIntersects(tile.bbox, view)) continue;
    const { batch } = tile;
    // Most tiles are wholly inside or outside the view; only edge tiles need a test per point.
    const whole =
      bboxContains(view, tile.bbox[0], tile.bbox[1]) && bboxContains(view, tile.bbox[2], tile.bbox[3]);
    const shown = filter ? pointMask(tile, filter) : null;
    const live = overrides?.get(tile);
    for (let i = 0; i < batch.count; i++) {
      const s = live?.get(i) ?? (batch.state[i] as number);
      if (live?.has(i) ? !pointShown(tile, i, s, filter) : shown && shown[i] === 0) continue;
      if (!whole && !bboxContains(view, batch.lon[i] as number, batch.lat[i] as number)) continue;
      stats.count++;
      const c = batch.category[i] as number;
      if (c < categoryCount) stats.byCategory[c] = (stats.byCategory[c] as number) + 1;
      if (s < stateCount) stats.byState[s] = (stats.byState[s] as number) + 1;
    }
  }
  return stats;
}
