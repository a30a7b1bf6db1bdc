import { type PointLayerId, pointLayerIds, pointLayers, sensingLayerIds } from '@onemap/domain';
import { type BBox, bboxIntersects, type TileZXY } from '@onemap/geo';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import type { LayerId } from '../layers/types';
import { COMM_LINKS_QUERY, commLinksQuery, type LinkData, linksInView } from './comm-links';
import type { StateOverrides } from './live-sensors';
import type { PointFilter } from './point-filter';
import {
  POINT_TILE_QUERY,
  type PointTile,
  pointStatsInView,
  pointTileQuery,
  tilesForView,
  type ViewStats,
} from './point-tiles';
import { type FeatureLayerData, type FeatureSource, SENSING_LAYER_QUERY, useFeatureLayers } from './sensing';
import { WARNING_SHAPES_QUERY, type WarningShape, warningShapesQuery } from './warnings';

export type LayerLoadState = 'off' | 'loading' | 'ready' | 'error';

export interface LayerData {
  /** The loaded tiles of each visible point layer that cover the current view. */
  points: Readonly<Record<PointLayerId, readonly PointTile[]>>;
  links: LinkData | undefined;
  warnings: readonly WarningShape[] | undefined;
  /** The GeoJSON-fed layers (sensing channels) that are on and loaded. */
  features: FeatureLayerData;
  status: Readonly<Record<LayerId, LayerLoadState>>;
}

function emptyPoints(): Record<PointLayerId, PointTile[]> {
  return Object.fromEntries(pointLayerIds.map((id) => [id, []])) as unknown as Record<
    PointLayerId,
    PointTile[]
  >;
}

/**
 * Loads what the visible layers need for the view: the point tiles covering it at each layer's
 * tile zoom, and the link collection. Hidden layers load nothing.
 */
export function useLayerData(
  visible: Readonly<Record<LayerId, boolean>>,
  bounds: BBox | null,
  featureSources: readonly FeatureSource[] = [],
): LayerData {
  const covering = useMemo(
    () =>
      bounds
        ? pointLayerIds.flatMap((layer) =>
            visible[layer]
              ? tilesForView(bounds, pointLayers[layer].tileZoom).map((t) => ({ layer, t }))
              : [],
          )
        : [],
    [bounds, visible],
  );
  // The same tiles as before stay the same array: most moves stay within the tiles already
  // loaded, and new arrays would make every layer new and redraw it, the sensors' 100,000
  // points included, at the end of each of them.
  const lastWanted = useRef(covering);
  if (!sameTiles(lastWanted.current, covering)) lastWanted.current = covering;
  const wanted = lastWanted.current;
  // Stable for a given set of tiles: an inline `combine` runs again on every render and hands back
  // new arrays, which would make every layer of the map new and redraw it all, whatever changed.
  const combine = useCallback(
    (results: ReadonlyArray<{ data?: PointTile | undefined; isPending: boolean; isError: boolean }>) => {
      const points = emptyPoints();
      const pending = new Set<PointLayerId>();
      const failed = new Set<PointLayerId>();
      results.forEach((r, i) => {
        const layer = (wanted[i] as (typeof wanted)[number]).layer;
        if (r.data) points[layer].push(r.data);
        if (r.isPending) pending.add(layer);
        if (r.isError) failed.add(layer);
      });
      return { points, pending: [...pending], failed: [...failed] };
    },
    [wanted],
  );
  const pointResult = useQueries({
    queries: wanted.map(({ layer, t }) => pointTileQuery(layer, t)),
    combine,
  });
  const links = useQuery({ ...commLinksQuery, enabled: visible.commLinks });
  const warnings = useQuery({ ...warningShapesQuery, enabled: visible.warnings });
  const features = useFeatureLayers(featureSources, visible);

  const hasBounds = bounds !== null;
  const status = useMemo(() => {
    const out = {} as Record<LayerId, LayerLoadState>;
    for (const id of pointLayerIds) {
      out[id] = !visible[id]
        ? 'off'
        : pointResult.failed.includes(id)
          ? 'error'
          : pointResult.pending.includes(id) || !hasBounds
            ? 'loading'
            : 'ready';
    }
    out.commLinks = !visible.commLinks ? 'off' : links.isError ? 'error' : links.data ? 'ready' : 'loading';
    out.warnings = !visible.warnings
      ? 'off'
      : warnings.isError
        ? 'error'
        : warnings.data
          ? 'ready'
          : 'loading';
    Object.assign(out, features.status);
    return out;
  }, [
    features.status,
    visible,
    hasBounds,
    pointResult.failed,
    pointResult.pending,
    links.isError,
    links.data,
    warnings.isError,
    warnings.data,
  ]);

  const linkData = visible.commLinks ? links.data : undefined;
  const warningData = visible.warnings ? warnings.data : undefined;
  return useMemo(
    () => ({
      points: pointResult.points,
      links: linkData,
      warnings: warningData,
      features: features.data,
      status,
    }),
    [pointResult.points, linkData, warningData, features.data, status],
  );
}

type WantedTile = { layer: PointLayerId; t: TileZXY };

function sameTiles(a: readonly WantedTile[], b: readonly WantedTile[]): boolean {
  return (
    a.length === b.length &&
    a.every((w, i) => {
      const v = b[i] as WantedTile;
      return w.layer === v.layer && w.t.z === v.t.z && w.t.x === v.t.x && w.t.y === v.t.y;
    })
  );
}

/** Whether a query key belongs to map layer data (tiles, links), as opposed to panels or search. */
export function isLayerDataKey(key: readonly unknown[]): boolean {
  return (
    key[0] === POINT_TILE_QUERY ||
    key[0] === COMM_LINKS_QUERY ||
    key[0] === WARNING_SHAPES_QUERY ||
    key[0] === SENSING_LAYER_QUERY
  );
}

export interface LayerViewStats {
  /** Per point layer: counts in view, by category and state code position. */
  points: Readonly<Record<PointLayerId, ViewStats>>;
  /** Features of each layer within the view (the layer panel's numbers). */
  counts: Readonly<Record<LayerId, number>>;
  /** Features of each layer loaded for the view, in or out of it. */
  loaded: Readonly<Record<LayerId, number>>;
}

/** The filters applied to point layers (the sensors filter of the layer panel), by layer. */
export type PointFilters = Readonly<Partial<Record<PointLayerId, PointFilter | null>>>;

/** Live states drawn over a point layer's tiles, by layer (the sensors' `LiveSensorStates.overrides`). */
export type PointOverrides = Readonly<Partial<Record<PointLayerId, StateOverrides>>>;

export function computeViewStats(
  data: LayerData,
  bounds: BBox | null,
  filters: PointFilters = {},
  overrides: PointOverrides = {},
): LayerViewStats {
  const points = {} as Record<PointLayerId, ViewStats>;
  const counts = {} as Record<LayerId, number>;
  const loaded = {} as Record<LayerId, number>;
  for (const id of pointLayerIds) {
    const spec = pointLayers[id];
    const tiles = data.points[id];
    points[id] = bounds
      ? pointStatsInView(
          tiles,
          bounds,
          spec.category.codes.length,
          spec.state.codes.length,
          filters[id] ?? null,
          overrides[id],
        )
      : { count: 0, byCategory: [], byState: [] };
    counts[id] = points[id].count;
    loaded[id] = tiles.reduce((n, t) => n + t.batch.count, 0);
  }
  counts.commLinks = data.links && bounds ? linksInView(data.links, bounds) : 0;
  loaded.commLinks = data.links?.features.length ?? 0;
  counts.warnings =
    data.warnings && bounds ? data.warnings.filter((w) => bboxIntersects(w.bbox, bounds)).length : 0;
  loaded.warnings = data.warnings?.length ?? 0;
  for (const id of sensingLayerIds) {
    const layer = data.features[id];
    counts[id] = layer && bounds ? layer.source.countInView(layer.data, bounds) : 0;
    loaded[id] = layer ? layer.source.count(layer.data) : 0;
  }
  return { points, counts, loaded };
}
