import type { SqlClient } from '@onemap/prisma';

/**
 * The most specific region whose boundary holds a point (a GB/T 2260 code with more significant
 * digits is deeper: county, prefecture, province); null at sea or abroad. Boundaries are GiST-indexed, so this is a few index probes.
 */
export async function regionAt(sql: SqlClient, lon: number, lat: number): Promise<string | null> {
  const rows = await sql.query<{ code: string }>(
    `SELECT code FROM region
      WHERE boundary IS NOT NULL AND ST_Intersects(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326))
      ORDER BY length(rtrim(code, '0')) DESC LIMIT 1`,
    [lon, lat],
  );
  return rows[0]?.code ?? null;
}
