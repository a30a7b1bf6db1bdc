import { readFile } from 'node:fs/promises';
import type { LonLat } from '@onemap/geo';

/**
 * The real geography the demo data stands on, built by scripts/geodata from openly licensed
 * packages (see prisma/data/SOURCES.md): administrative regions with boundaries, and populated
 * places used as anchors for generated resources.
 */
export interface RegionSource {
  code: string;
  name: string;
  nameEn: string | null;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
  population: number | null;
  center: LonLat;
  boundary: { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown } | null;
}

export interface PlaceSource {
  name: string;
  nameEn: string;
  lon: number;
  lat: number;
  population: number;
  regionCode: string;
  provinceCode: string;
}

const DATA_DIR = new URL('../../data/', import.meta.url);

export async function loadSourceData(): Promise<{ regions: RegionSource[]; places: PlaceSource[] }> {
  const [regions, places] = await Promise.all([
    readFile(new URL('regions.json', DATA_DIR), 'utf8').then((t) => JSON.parse(t) as RegionSource[]),
    readFile(new URL('places.json', DATA_DIR), 'utf8').then((t) => JSON.parse(t) as PlaceSource[]),
  ]);
  return { regions, places };
}
