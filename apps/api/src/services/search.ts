import { pointLayerIds, type SearchHit, type SearchInput, searchInputSchema } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { layerTables } from './layer-tables.js';
import { type RegionScope, scopePattern } from './scope.js';

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Finds regions and features by Chinese name, pinyin (with or without spaces) or English name.
 * Regions rank first (a place name is usually what a person types), then exact and prefix matches
 * before substring ones, shorter names before longer.
 */
export async function searchFeatures(
  sql: SqlClient,
  raw: SearchInput,
  scope: RegionScope,
): Promise<SearchHit[]> {
  const { q, limit } = searchInputSchema.parse(raw);
  const compact = q.toLowerCase().replace(/\s+/g, '');
  const params = [likePattern(q), likePattern(compact), q, limit, scopePattern(scope)];
  const rank = (name: string, alias: string) =>
    `CASE WHEN ${name} = $3 OR lower(${alias}) = lower($3) THEN 0
          WHEN ${name} ILIKE $3 || '%' OR ${alias} ILIKE replace($2, '%', '') || '%' THEN 1 ELSE 2 END`;
  const regionSql = `SELECT 'region' AS kind, r.code AS id, 'regions' AS layer, r.name, r.name_en AS alias,
        p.name AS subtitle, ST_X(r.center) AS lon, ST_Y(r.center) AS lat,
        CASE WHEN r.boundary IS NULL THEN NULL ELSE
          json_build_array(ST_XMin(r.boundary), ST_YMin(r.boundary), ST_XMax(r.boundary), ST_YMax(r.boundary)) END AS bbox,
        0 AS tier, ${rank('r.name', "coalesce(r.name_en, '')")} AS rank, length(r.name) AS len
      FROM region r LEFT JOIN region p ON p.code = r.parent_code
     WHERE r.name ILIKE $1 OR r.name_en ILIKE $1 OR replace(r.pinyin, ' ', '') ILIKE $2`;
  const featureSql = pointLayerIds.map((layer) => {
    const t = layerTables[layer];
    const alias = t.hasPinyin ? "coalesce(f.pinyin, '')" : "''";
    const pinyinMatch = t.hasPinyin ? ` OR replace(f.pinyin, ' ', '') ILIKE $2` : '';
    return `(SELECT '${layer}' AS kind, f.id::text AS id, '${layer}' AS layer, f.${t.nameColumn} AS name,
        ${t.hasPinyin ? 'f.pinyin' : 'NULL'} AS alias, r.name AS subtitle,
        ST_X(f.location) AS lon, ST_Y(f.location) AS lat, NULL::json AS bbox,
        1 AS tier, ${rank(`f.${t.nameColumn}`, alias)} AS rank, length(f.${t.nameColumn}) AS len
      FROM ${t.table} f LEFT JOIN region r ON r.code = f.region_code
     WHERE (f.${t.nameColumn} ILIKE $1 OR f.code ILIKE $1${pinyinMatch}) AND f.region_code LIKE $5
     ORDER BY 11, 12 LIMIT $4)`;
  });
  const rows = await sql.query<SearchHit & { tier: number; rank: number; len: number }>(
    `SELECT * FROM (${regionSql} UNION ALL ${featureSql.join(' UNION ALL ')}) hits
      ORDER BY rank, tier, len, name LIMIT $4`,
    params,
  );
  return rows.map(({ tier: _tier, rank: _rank, len: _len, ...hit }) => hit);
}
