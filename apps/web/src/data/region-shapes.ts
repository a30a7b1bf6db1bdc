import { type MultiPolygon, type Polygon, PolygonIndex } from '@onemap/geo';
import { queryOptions } from '@tanstack/react-query';
import { BASEMAP_URL } from '../map/basemap-style';
import { HttpError } from './errors';
import type { RegionTest } from './point-filter';

export interface RegionShape {
  code: string;
  name: string;
  nameEn: string;
  /** The province a prefecture lies in; null for a province. */
  provinceCode: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface RegionShapes {
  provinces: RegionShape[];
  prefectures: RegionShape[];
}

interface ShapeFeature {
  properties: { code: string; name: string; nameEn?: string; provinceCode?: string };
  geometry: Polygon | MultiPolygon;
}

async function fetchShapes(file: string, signal: AbortSignal): Promise<ShapeFeature[]> {
  const url = `${BASEMAP_URL}/${file}`;
  const response = await fetch(url, { signal });
  if (!response.ok) throw new HttpError(url, response.status);
  return ((await response.json()) as { features: ShapeFeature[] }).features;
}

/**
 * The province and prefecture outlines the basemap draws, for narrowing the sensors layer to a
 * region on the client. The basemap has fetched the same files already, so this is usually served
 * from the browser's cache; sensor tiles carry no region, and asking the server for each region's
 * tiles again would cost a round of requests on every change of the filter.
 */
export const regionShapesQuery = queryOptions({
  queryKey: ['region-shapes'],
  queryFn: async ({ signal }): Promise<RegionShapes> => {
    const [provinces, prefectures] = await Promise.all([
      fetchShapes('provinces.geojson', signal),
      fetchShapes('prefectures.geojson', signal),
    ]);
    const shape = (f: ShapeFeature, provinceCode: string | null): RegionShape => ({
      code: f.properties.code,
      name: f.properties.name,
      nameEn: f.properties.nameEn ?? f.properties.name,
      provinceCode,
      geometry: f.geometry,
    });
    return {
      provinces: provinces.map((f) => shape(f, null)),
      prefectures: prefectures.map((f) => shape(f, f.properties.provinceCode ?? null)),
    };
  },
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: Number.POSITIVE_INFINITY,
});

const tests = new Map<string, RegionTest>();

/** A point-in-region test for one outline, built once per region. */
export function regionTest(shape: RegionShape): RegionTest {
  let test = tests.get(shape.code);
  if (!test) {
    const index = new PolygonIndex([{ geometry: shape.geometry, properties: true }]);
    test = { code: shape.code, contains: (lon, lat) => index.find(lon, lat) !== null };
    tests.set(shape.code, test);
  }
  return test;
}
