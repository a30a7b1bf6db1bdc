import {
  type CommLinkFeatureCollection,
  encodePointBatch,
  type LayerSummary,
  type PointLayerId,
  pointLayerIds,
  pointLayers,
} from '@onemap/domain';
import { tileBounds } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import { featureCollection } from './layer-geojson.js';
import { layerTables } from './layer-tables.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * SQL for a coded column as its position in the vocabulary (the wire code), binding the vocabulary
 * as a parameter; 0 for layers with a single code.
 */
function codeExpr(column: string | null, codes: readonly string[], params: unknown[]): string {
  if (!column) return '0';
  params.push(codes);
  return `coalesce(array_position($${params.length}::text[], f.${column}) - 1, 0)`;
}

/**
 * One tile of a point layer in the compact OMP1 format. Tiles are half-open on their east and north
 * edges so a point on a shared edge belongs to exactly one tile.
 */
export async function pointTile(
  sql: SqlClient,
  layer: PointLayerId,
  z: number,
  x: number,
  y: number,
  scope: RegionScope,
): Promise<Uint8Array> {
  const spec = pointLayers[layer];
  const table = layerTables[layer];
  const params: unknown[] = [...tileBounds(z, x, y), scopePattern(scope)];
  const category = codeExpr(table.categoryColumn, spec.category.codes, params);
  const state = codeExpr(table.stateColumn, spec.state.codes, params);
  const rows = await sql.query<{ id: number; lon: number; lat: number; category: number; state: number }>(
    `SELECT f.id, ST_X(f.location) AS lon, ST_Y(f.location) AS lat,
            ${category} AS category, ${state} AS state
       FROM ${table.table} f
      WHERE f.location && ST_MakeEnvelope($1, $2, $3, $4, 4326)
        AND ST_X(f.location) >= $1 AND (ST_X(f.location) < $3 OR $3 >= 180)
        AND ST_Y(f.location) >= $2 AND (ST_Y(f.location) < $4 OR $4 >= 85)
        AND f.region_code LIKE $5
      ORDER BY f.id`,
    params,
  );
  return encodePointBatch(rows);
}

export async function layerSummaries(sql: SqlClient, scope: RegionScope): Promise<LayerSummary[]> {
  const parts = pointLayerIds.map(
    (id) =>
      `SELECT '${id}' AS layer, count(*)::int AS total FROM ${layerTables[id].table} WHERE region_code LIKE $1`,
  );
  parts.push(`SELECT 'commLinks' AS layer, count(*)::int AS total FROM comm_link l ${LINK_SCOPE}`);
  return sql.query<LayerSummary>(parts.join(' UNION ALL '), [scopePattern(scope)]);
}

/** A link is in scope when either end is: a province sees its own uplinks to the core. */
const LINK_SCOPE = `WHERE EXISTS (SELECT 1 FROM comm_node n WHERE n.id IN (l.from_node_id, l.to_node_id)
                                  AND n.region_code LIKE $1)`;

/** Communication links as RFC 7946 GeoJSON: few enough (hundreds) to send whole. */
export async function commLinksGeoJson(
  sql: SqlClient,
  scope: RegionScope,
): Promise<CommLinkFeatureCollection> {
  const rows = await sql.query<{
    id: number;
    code: string;
    name: string;
    medium: string;
    status: string;
    bandwidth_mbps: number;
    geometry: string;
  }>(
    `SELECT id, code, name, medium, status, bandwidth_mbps, ST_AsGeoJSON(path, 5) AS geometry
       FROM comm_link l ${LINK_SCOPE} ORDER BY id`,
    [scopePattern(scope)],
  );
  return featureCollection(rows, (r) => ({
    geometry: JSON.parse(r.geometry),
    properties: {
      id: r.id,
      code: r.code,
      name: r.name,
      medium: r.medium,
      status: r.status,
      bandwidthMbps: r.bandwidth_mbps,
    },
  }));
}
