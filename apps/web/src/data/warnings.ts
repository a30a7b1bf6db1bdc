import type { WarningArea, WarningFeatureProperties, WarningSource } from '@onemap/domain';
import { type BBox, bboxOfCoordinates, circlePolygon, type MultiPolygon } from '@onemap/geo';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { HttpError } from './errors';

/** GeoJSON MultiPolygon coordinates: polygons, each an outer ring then its holes. */
export type Polygons = MultiPolygon['coordinates'];

/** A warning's area as the map draws it. */
export interface WarningShape {
  id: number;
  severity: string;
  source: WarningSource;
  polygons: Polygons;
  bbox: BBox;
}

/** Circles become polygons of this many segments, as the server draws them. */
const CIRCLE_STEPS = 64;

/**
 * The polygons of a warning's drawn parts (polygons and circles). Region parts are left out: their
 * boundaries are on the server, which sends them resolved in the warnings GeoJSON.
 */
export function polygonsOfAreas(areas: readonly WarningArea[]): Polygons {
  return areas.flatMap((a): Polygons => {
    if (a.kind === 'polygon') return [[a.ring]];
    if (a.kind === 'circle') return [circlePolygon(a.center, a.radiusKm, CIRCLE_STEPS).coordinates];
    return [];
  });
}

/** The box around some polygons, or null when there are none. */
export function bboxOfPolygons(polygons: Polygons): BBox | null {
  const outer = polygons.flatMap((p) => p[0] ?? []);
  return outer.length > 0 ? bboxOfCoordinates(outer) : null;
}

/**
 * `GET /api/v1/warnings.geojson`: the warnings in force (an open feed), one feature each, the area
 * resolved to one MultiPolygon: region parts as their boundaries, which the browser does not have.
 */
export const WARNINGS_GEOJSON_URL = '/api/v1/warnings.geojson';
export const WARNING_SHAPES_QUERY = 'warning-shapes';
const REFRESH_MS = 30_000;

interface WarningFeature {
  geometry: { type: 'MultiPolygon'; coordinates: Polygons } | null;
  properties: WarningFeatureProperties;
}

export async function fetchWarningShapes(signal?: AbortSignal): Promise<WarningShape[]> {
  const response = await fetch(WARNINGS_GEOJSON_URL, { signal });
  if (!response.ok) throw new HttpError(WARNINGS_GEOJSON_URL, response.status);
  const collection = (await response.json()) as { features: WarningFeature[] };
  return collection.features.flatMap((f) => {
    const polygons = f.geometry?.coordinates ?? [];
    const bbox = bboxOfPolygons(polygons);
    if (!bbox) return [];
    const { id, severity, source } = f.properties;
    return [{ id, severity, source, polygons, bbox }];
  });
}

export const warningShapesQuery = queryOptions({
  queryKey: [WARNING_SHAPES_QUERY],
  queryFn: ({ signal }) => fetchWarningShapes(signal),
  refetchInterval: REFRESH_MS,
  staleTime: REFRESH_MS / 2,
});

/** The warning areas the map's layer loaded, read without asking for them: to outline and zoom to one. */
export function useLoadedWarningShapes(): readonly WarningShape[] | undefined {
  return useQuery({ ...warningShapesQuery, enabled: false }).data;
}
