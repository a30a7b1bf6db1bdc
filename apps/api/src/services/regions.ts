import type { RegionOfPlace } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';

/**
 * Every region whose boundary holds a point, province first, then prefecture and county (a GB/T
 * 2260 code with more significant digits is deeper); none at sea or abroad. Boundaries are
 * GiST-indexed, so this is a few index probes.
 */
export async function regionsAt(sql: SqlClient, lon: number, lat: number): Promise<RegionOfPlace[]> {
  const rows = await sql.query<{ code: string; name: string; name_en: string | null; level: string }>(
    `SELECT code, name, name_en, level FROM region
      WHERE boundary IS NOT NULL AND ST_Intersects(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326))
      ORDER BY length(rtrim(code, '0'))`,
    [lon, lat],
  );
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, level: r.level }));
}

/** The most specific region holding a point (its county where counties are known); null at sea or abroad. */
export async function regionAt(sql: SqlClient, lon: number, lat: number): Promise<string | null> {
  return (await regionsAt(sql, lon, lat)).at(-1)?.code ?? null;
}
