import {
  type CameraFeature,
  type DroneFlightFeature,
  type FeatureCollectionOf,
  type HotspotAge,
  type HotspotFeature,
  hotspotAgeOf,
  type SensingAreaFeature,
  type SensingLayerId,
} from '@onemap/domain';
import { type BBox, bboxContains, bboxIntersects, bboxOfCoordinates, type Position } from '@onemap/geo';
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { HttpError } from './errors';

/**
 * The sensing channels beyond IoT as map data: each layer is one GeoJSON request for the caller's
 * region (the server's default window: the last 72 hours), refreshed every minute since products
 * and flights keep arriving, and prepared once per answer for drawing and counting.
 */
export const SENSING_LAYER_QUERY = 'sensing-layer';

/** Where a GeoJSON-fed layer gets its data, and how its features are counted. */
export interface FeatureSource<D = unknown> {
  readonly id: SensingLayerId;
  query(): {
    queryKey: readonly unknown[];
    queryFn: (context: { signal: AbortSignal }) => Promise<D>;
    staleTime: number;
    refetchInterval: number;
  };
  count(data: D): number;
  countInView(data: D, view: BBox): number;
}

export function layerUrl(id: SensingLayerId): string {
  return `/api/v1/layers/${id}.geojson`;
}

async function fetchFeatures<F>(id: SensingLayerId, signal: AbortSignal): Promise<F[]> {
  const url = layerUrl(id);
  const response = await fetch(url, { signal });
  if (!response.ok) throw new HttpError(url, response.status);
  return ((await response.json()) as FeatureCollectionOf<F>).features;
}

function source<F, D>(
  id: SensingLayerId,
  prepare: (features: F[]) => D,
  counts: Pick<FeatureSource<D>, 'count' | 'countInView'>,
): FeatureSource<D> {
  return {
    id,
    query: () => ({
      queryKey: [SENSING_LAYER_QUERY, id],
      queryFn: async ({ signal }) => prepare(await fetchFeatures<F>(id, signal)),
      staleTime: 30_000,
      refetchInterval: 60_000,
    }),
    ...counts,
  };
}

export interface HotspotData {
  items: ReadonlyArray<{ feature: HotspotFeature; age: HotspotAge }>;
}

/** Hotspots with their age class as of `now` (the answer's time: re-judged with every refresh). */
export function prepareHotspots(features: HotspotFeature[], now = Date.now()): HotspotData {
  return {
    items: features.map((feature) => ({
      feature,
      age: hotspotAgeOf(Date.parse(feature.properties.acquiredAt), now),
    })),
  };
}

export const hotspotSource = source<HotspotFeature, HotspotData>('hotspots', (f) => prepareHotspots(f), {
  count: (d) => d.items.length,
  countInView: (d, view) => {
    let n = 0;
    for (const { feature } of d.items) {
      if (bboxContains(view, feature.geometry.coordinates[0], feature.geometry.coordinates[1])) n++;
    }
    return n;
  },
});

/** One polygon of an area product: a MultiPolygon is drawn as its parts. */
export interface AreaPart {
  feature: SensingAreaFeature;
  rings: readonly (readonly Position[])[];
}

export interface AreaData {
  features: readonly SensingAreaFeature[];
  parts: readonly AreaPart[];
  bboxes: readonly BBox[];
}

/** Area products split into drawable polygons, each product with the box of its outer rings. */
export function prepareAreas(features: SensingAreaFeature[]): AreaData {
  return {
    features,
    parts: features.flatMap((feature) =>
      feature.geometry.type === 'Polygon'
        ? [{ feature, rings: feature.geometry.coordinates }]
        : feature.geometry.coordinates.map((rings) => ({ feature, rings })),
    ),
    bboxes: features.map((f) =>
      bboxOfCoordinates(
        f.geometry.type === 'Polygon'
          ? (f.geometry.coordinates[0] ?? [])
          : f.geometry.coordinates.flatMap((polygon) => polygon[0] ?? []),
      ),
    ),
  };
}

export const sensingAreaSource = source<SensingAreaFeature, AreaData>('sensingAreas', prepareAreas, {
  count: (d) => d.features.length,
  countInView: (d, view) => countBoxes(d.bboxes, view),
});

export interface FlightData {
  features: readonly DroneFlightFeature[];
  bboxes: readonly BBox[];
}

export const droneFlightSource = source<DroneFlightFeature, FlightData>(
  'droneFlights',
  (all) => {
    const features = all.filter((f) => f.geometry.coordinates.length >= 2);
    return { features, bboxes: features.map((f) => bboxOfCoordinates(f.geometry.coordinates)) };
  },
  { count: (d) => d.features.length, countInView: (d, view) => countBoxes(d.bboxes, view) },
);

export interface CameraData {
  features: readonly CameraFeature[];
}

export const cameraSource = source<CameraFeature, CameraData>('cameras', (features) => ({ features }), {
  count: (d) => d.features.length,
  countInView: (d, view) => {
    let n = 0;
    for (const f of d.features)
      if (bboxContains(view, f.geometry.coordinates[0], f.geometry.coordinates[1])) n++;
    return n;
  },
});

function countBoxes(boxes: readonly BBox[], view: BBox): number {
  let n = 0;
  for (const b of boxes) if (bboxIntersects(b, view)) n++;
  return n;
}

/** The loaded data of each visible feature layer, with the source that counts it. */
export type FeatureLayerData = Readonly<
  Partial<Record<SensingLayerId, { source: FeatureSource; data: unknown }>>
>;

export type FeatureLoadState = 'off' | 'loading' | 'ready' | 'error';

/** Loads the feature layers that are switched on; hidden ones load nothing. */
/**
 * What the feature layers need of their queries. A function of its own, not an inline one: react-query
 * runs an inline `combine` again on every render, and new arrays would redraw every layer.
 */
const dataAndErrors = (all: ReadonlyArray<{ data: unknown; isError: boolean }>) =>
  all.map((r) => ({ data: r.data, isError: r.isError }));

export function useFeatureLayers(
  sources: readonly FeatureSource[],
  visible: Readonly<Partial<Record<SensingLayerId, boolean>>>,
): { data: FeatureLayerData; status: Readonly<Partial<Record<SensingLayerId, FeatureLoadState>>> } {
  const wanted = useMemo(() => sources.filter((s) => visible[s.id]), [sources, visible]);
  const results = useQueries({
    queries: wanted.map((s) => s.query()),
    combine: dataAndErrors,
  });
  return useMemo(() => {
    const data: Partial<Record<SensingLayerId, { source: FeatureSource; data: unknown }>> = {};
    const status: Partial<Record<SensingLayerId, FeatureLoadState>> = {};
    for (const s of sources) status[s.id] = 'off';
    wanted.forEach((s, i) => {
      const r = results[i];
      status[s.id] = r?.isError ? 'error' : r?.data !== undefined ? 'ready' : 'loading';
      if (r?.data !== undefined) data[s.id] = { source: s, data: r.data };
    });
    return { data, status };
  }, [sources, wanted, results]);
}
