import type { PopulationEstimate, WarningArea } from '@onemap/domain';
import { circlePolygon } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';

/**
 * A warning's area as geometry, and the people inside it. The geometry is the union of the parts:
 * polygons as drawn, circles as 64-gons on the WGS-84 ellipsoid (`circlePolygon`), regions as
 * their boundaries from the `region` table.
 */

/** The parameters of {@link AREA_SQL}: GeoJSON polygons (rings and circles) and region codes. */
export function areaParams(areas: readonly WarningArea[]): [string[], string[]] {
  const polygons: string[] = [];
  const codes: string[] = [];
  for (const a of areas) {
    if (a.kind === 'polygon') polygons.push(JSON.stringify({ type: 'Polygon', coordinates: [a.ring] }));
    else if (a.kind === 'circle') polygons.push(JSON.stringify(circlePolygon(a.center, a.radiusKm)));
    else codes.push(...a.codes);
  }
  return [polygons, [...new Set(codes)]];
}

/**
 * The union of the parts as one valid MultiPolygon, from parameters `$p` (text[] of GeoJSON
 * polygons) and `$c` (text[] of region codes). A self-intersecting drawn polygon is repaired
 * (ST_MakeValid) rather than refused: what the officer drew is the area they meant.
 */
export function areaSql(p: number, c: number): string {
  return `(SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(part)), 3)) FROM (
      SELECT ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(j), 4326)) AS part FROM unnest($${p}::text[]) AS j
      UNION ALL
      SELECT boundary FROM region WHERE code = ANY($${c}::text[]) AND boundary IS NOT NULL
    ) parts)`;
}

/** The region codes among `codes` that have a boundary (and so can be part of an area). */
export async function knownRegions(sql: SqlClient, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await sql.query<{ code: string }>(
    'SELECT code FROM region WHERE code = ANY($1::text[]) AND boundary IS NOT NULL',
    [codes],
  );
  return new Set(rows.map((r) => r.code));
}

/** The first region code of a draft's areas that we do not know, with where it is. */
export async function unknownRegion(
  sql: SqlClient,
  areas: readonly WarningArea[],
): Promise<{ field: string; code: string } | null> {
  const known = await knownRegions(sql, areaParams(areas)[1]);
  for (const [i, a] of areas.entries()) {
    if (a.kind !== 'regions') continue;
    const j = a.codes.findIndex((code) => !known.has(code));
    if (j >= 0) return { field: `areas.${i}.codes.${j}`, code: a.codes[j] as string };
  }
  return null;
}

interface LeafRow {
  code: string;
  name: string;
  leaf_m2: number;
  covered_m2: number;
  density: number;
}

/**
 * People inside an area. Counties carry no population in our region data, prefectures carry an
 * estimate of their (mostly urban) population, provinces the 2020 census. So each county (or
 * prefecture without counties) gets a density of two layers: its prefecture's estimate spread
 * over the prefecture, plus the rest of its province's census population (what the prefecture
 * estimates do not account for) spread over the province. The area's people are the sum over the
 * counties it touches of density × area covered (on the ellipsoid). Over a whole province this
 * gives back the census figure; inside it, cities weigh more than the countryside.
 */
export async function estimatePopulation(
  sql: SqlClient,
  areas: readonly WarningArea[],
  limit = 10,
): Promise<PopulationEstimate> {
  const rows = await sql.query<LeafRow>(
    `WITH a AS (SELECT ${areaSql(1, 2)} AS g),
     leaf AS (
       SELECT r.code, r.name, r.level, r.parent_code, r.boundary
         FROM region r, a
        WHERE r.boundary IS NOT NULL AND ST_Intersects(r.boundary, a.g)
          AND NOT EXISTS (SELECT 1 FROM region c WHERE c.parent_code = r.code)
     ),
     province AS (
       SELECT p.code,
              greatest(coalesce(p.population, 0) - coalesce((SELECT sum(c.population) FROM region c
                        WHERE c.parent_code = p.code AND c.level = 'city'), 0), 0)
                / ST_Area(p.boundary::geography) AS density
         FROM region p
        WHERE p.code IN (SELECT substr(code, 1, 2) || '0000' FROM leaf) AND p.boundary IS NOT NULL
     ),
     city AS (
       SELECT c.code, coalesce(c.population, 0) / ST_Area(c.boundary::geography) AS density
         FROM region c
        WHERE c.level = 'city' AND c.boundary IS NOT NULL
          AND c.code IN (SELECT code FROM leaf UNION SELECT parent_code FROM leaf)
     )
     SELECT leaf.code, leaf.name,
            ST_Area(leaf.boundary::geography) AS leaf_m2,
            ST_Area(ST_Intersection(leaf.boundary, a.g)::geography) AS covered_m2,
            coalesce(city.density, 0) + coalesce(province.density, 0) AS density
       FROM leaf CROSS JOIN a
       LEFT JOIN city ON city.code = CASE WHEN leaf.level = 'city' THEN leaf.code ELSE leaf.parent_code END
       LEFT JOIN province ON province.code = substr(leaf.code, 1, 2) || '0000'`,
    areaParams(areas),
  );
  const regions = rows
    .map((r) => ({
      code: r.code,
      name: r.name,
      people: Number(r.density) * Number(r.covered_m2),
      share: Number(r.leaf_m2) > 0 ? Math.min(1, Number(r.covered_m2) / Number(r.leaf_m2)) : 0,
    }))
    .filter((r) => r.people > 0 || r.share > 0)
    .sort((x, y) => y.people - x.people);
  return {
    population: Math.round(regions.reduce((sum, r) => sum + r.people, 0)),
    regions: regions.slice(0, limit).map((r) => ({
      code: r.code,
      name: r.name,
      population: Math.round(r.people),
      share: Math.round(r.share * 10_000) / 10_000,
    })),
  };
}
