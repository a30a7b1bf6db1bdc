import type { FeatureDetail, FeatureField, FeatureRef, FieldValue } from '@onemap/domain';
import { linkMedia, linkStatuses, maskName, maskPhone, regionLevels } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { cameraDetail } from './cameras.js';
import { codeField } from './detail-fields.js';
import { droneFlightDetail } from './drone-flights.js';
import { type DetailColumn, layerTables } from './layer-tables.js';
import { productDetail } from './remote-sensing.js';
import { type RegionScope, scopePattern } from './scope.js';

export interface DetailAccess {
  scope: RegionScope;
  /** Whether the caller may read sensitive fields unmasked. */
  sensitiveClearance: boolean;
}

export interface DetailResult {
  detail: FeatureDetail;
  /** Sensitive fields that went out unmasked (the caller audits the read). */
  sensitiveRead: string[];
}

interface DetailRow {
  id: number;
  name: string;
  code: string | null;
  lon: number;
  lat: number;
  region_code: string | null;
  region_name: string | null;
  [key: string]: unknown;
}

/**
 * The detail drawer's content for one feature, or null when it does not exist or lies outside the
 * caller's region (the two are indistinguishable on purpose).
 */
export async function featureDetail(
  sql: SqlClient,
  ref: FeatureRef,
  access: DetailAccess,
): Promise<DetailResult | null> {
  if (ref.layer === 'regions') return wrap(await regionDetail(sql, ref.id));
  if (ref.layer === 'commLinks') return wrap(await linkDetail(sql, ref.id, access.scope));
  if (ref.layer === 'hotspots' || ref.layer === 'sensingAreas') {
    return wrap(await productDetail(sql, ref.layer, ref.id, access.scope));
  }
  if (ref.layer === 'droneFlights') return wrap(await droneFlightDetail(sql, ref.id, access.scope));
  if (ref.layer === 'cameras') return cameraDetail(sql, ref.id, access);
  const table = layerTables[ref.layer];
  const columns = table.details.map((d, i) => `${d.sql} AS d${i}`).join(', ');
  const [row] = await sql.query<DetailRow>(
    `SELECT f.id, f.${table.nameColumn} AS name, f.code, ST_X(f.location) AS lon, ST_Y(f.location) AS lat,
            f.region_code, r.name AS region_name, ${columns}
       FROM ${table.table} f LEFT JOIN region r ON r.code = f.region_code
      WHERE f.id = $1 AND f.region_code LIKE $2`,
    [ref.id, scopePattern(access.scope)],
  );
  if (!row) return null;
  const sensitiveRead: string[] = [];
  const fields = table.details.map((d, i) => {
    const raw = row[`d${i}`];
    if (!d.sensitive || raw === null || raw === undefined) return field(d, raw);
    if (!access.sensitiveClearance)
      return field(d, d.sensitive === 'phone' ? maskPhone(String(raw)) : maskName(String(raw)));
    sensitiveRead.push(d.key);
    return field(d, raw);
  });
  const detail: FeatureDetail = {
    layer: ref.layer,
    id: row.id,
    name: row.name,
    code: row.code,
    lon: row.lon,
    lat: row.lat,
    region: row.region_code ? { code: row.region_code, name: row.region_name ?? row.region_code } : null,
    fields,
  };
  return { detail, sensitiveRead };
}

function wrap(detail: FeatureDetail | null): DetailResult | null {
  return detail ? { detail, sensitiveRead: [] } : null;
}

function field(column: DetailColumn, raw: unknown): FeatureField {
  let value: FieldValue;
  if (raw === null || raw === undefined) value = null;
  else if (raw instanceof Date) value = raw.toISOString();
  else if (column.vocabulary && typeof raw === 'string') value = column.vocabulary.labelOf(raw) ?? raw;
  else if (typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean') value = raw;
  else value = String(raw);
  return { key: column.key, label: column.label, value, ...(column.unit ? { unit: column.unit } : {}) };
}

async function regionDetail(sql: SqlClient, code: number): Promise<FeatureDetail | null> {
  const [row] = await sql.query<
    DetailRow & { level: string; population: number | null; parent: string | null }
  >(
    `SELECT r.code, r.name, ST_X(r.center) AS lon, ST_Y(r.center) AS lat, r.level, r.population,
            p.name AS parent
       FROM region r LEFT JOIN region p ON p.code = r.parent_code WHERE r.code = $1`,
    [String(code)],
  );
  if (!row) return null;
  return {
    layer: 'regions',
    id: code,
    name: row.name,
    code: row.code,
    lon: row.lon,
    lat: row.lat,
    region: null,
    fields: [
      codeField('level', { zh: '级别', en: 'Level' }, regionLevels, row.level),
      { key: 'parent', label: { zh: '上级', en: 'Parent' }, value: row.parent },
      { key: 'population', label: { zh: '人口', en: 'Population' }, value: row.population },
    ],
  };
}

async function linkDetail(sql: SqlClient, id: number, scope: RegionScope): Promise<FeatureDetail | null> {
  const [row] = await sql.query<
    DetailRow & { medium: string; status: string; bandwidth_mbps: number; from_name: string; to_name: string }
  >(
    `SELECT l.id, l.name, l.code, l.medium, l.status, l.bandwidth_mbps,
            ST_X(ST_Centroid(l.path)) AS lon, ST_Y(ST_Centroid(l.path)) AS lat,
            a.name AS from_name, b.name AS to_name
       FROM comm_link l JOIN comm_node a ON a.id = l.from_node_id JOIN comm_node b ON b.id = l.to_node_id
      WHERE l.id = $1 AND (a.region_code LIKE $2 OR b.region_code LIKE $2)`,
    [id, scopePattern(scope)],
  );
  if (!row) return null;
  return {
    layer: 'commLinks',
    id: row.id,
    name: row.name,
    code: row.code,
    lon: row.lon,
    lat: row.lat,
    region: null,
    fields: [
      codeField('medium', { zh: '链路类型', en: 'Medium' }, linkMedia, row.medium),
      codeField('status', { zh: '状态', en: 'Status' }, linkStatuses, row.status),
      {
        key: 'bandwidthMbps',
        label: { zh: '带宽', en: 'Bandwidth' },
        value: row.bandwidth_mbps,
        unit: 'Mbps',
      },
      { key: 'from', label: { zh: '起点', en: 'From' }, value: row.from_name },
      { key: 'to', label: { zh: '终点', en: 'To' }, value: row.to_name },
    ],
  };
}
