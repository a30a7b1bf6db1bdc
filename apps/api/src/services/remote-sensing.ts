import {
  type FeatureCollectionOf,
  type FeatureDetail,
  type FeatureField,
  featureIdSchema,
  type GeojsonIngestQuery,
  type HotspotFeature,
  hotspotConfidenceOf,
  hotspotConfidences,
  type IngestRejection,
  type IngestResult,
  type Label,
  MAX_PRODUCT_FUTURE_SKEW_MS,
  remoteSensingChannels,
  remoteSensingGeometryTypes,
  remoteSensingKinds,
  remoteSensingPropertiesSchema,
  type SensingAreaFeature,
} from '@onemap/domain';
import { geometryProblem } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import { codeField } from './detail-fields.js';
import { featureCollection, inBBox, type SensingFilter, windowParams } from './layer-geojson.js';
import { type RegionScope, scopePattern } from './scope.js';

/** One feature may hold at most this many positions (a flood extent of a whole basin is ~10⁴). */
const MAX_FEATURE_POSITIONS = 200_000;

/** The columns a product's properties are lifted into; the rest stay in `properties`. */
const LIFTED = ['acquiredAt', 'platform', 'sensor', 'name', 'source'] as const;

interface ValidFeature {
  index: number;
  externalId: string | null;
  name: string | null;
  platform: string;
  sensor: string | null;
  source: string | null;
  acquiredAt: string;
  properties: Record<string, unknown>;
  geometry: string;
}

/**
 * Remote-sensing products in, from a GeoJSON FeatureCollection: each feature checked on its own
 * (structure, properties, time, then real geometry and region in PostGIS) and the sound ones stored
 * in one transaction, so what the answer counts as accepted is on disk when it leaves. A feature
 * with an `id` replaces the product of that channel, kind and id (a producer re-sending a corrected
 * product, or the same one twice).
 */
export async function ingestGeojson(
  sql: SqlClient,
  features: readonly unknown[],
  query: GeojsonIngestQuery,
  scope: RegionScope,
  options: { now?: number } = {},
): Promise<IngestResult> {
  const now = options.now ?? Date.now();
  const rejected: IngestRejection[] = [];
  const valid: ValidFeature[] = [];
  const seenIds = new Map<string, number>();
  for (const [index, raw] of features.entries()) {
    const checked = checkFeature(raw, query, now);
    if (typeof checked === 'string') {
      rejected.push({ index, reason: checked });
      continue;
    }
    if (checked.externalId !== null) {
      const first = seenIds.get(checked.externalId);
      if (first !== undefined) {
        rejected.push({ index, reason: `id: repeats feature ${first}` });
        continue;
      }
      seenIds.set(checked.externalId, index);
    }
    valid.push({ ...checked, index });
  }
  if (valid.length === 0) return { accepted: 0, rejected };

  const accepted = await sql.transaction(async (tx) => {
    // Real geometry and the finest region under a point on its surface, before anything is written.
    const checked = await tx.query<{ i: number; reason: string | null; region_code: string | null }>(
      `SELECT u.i,
              CASE WHEN ST_IsValid(g.geom) THEN NULL ELSE ST_IsValidReason(g.geom) END AS reason,
              CASE WHEN ST_IsValid(g.geom) THEN (
                SELECT r.code FROM region r
                 WHERE r.boundary IS NOT NULL AND ST_Intersects(r.boundary, ST_PointOnSurface(g.geom))
                 ORDER BY CASE r.level WHEN 'county' THEN 0 WHEN 'city' THEN 1 ELSE 2 END LIMIT 1)
              END AS region_code
         FROM unnest($1::int[], $2::text[]) AS u(i, gj)
        CROSS JOIN LATERAL (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(u.gj), 4326)) AS geom) g`,
      [valid.map((v) => v.index), valid.map((v) => v.geometry)],
    );
    const byIndex = new Map(checked.map((c) => [c.i, c]));
    const rows: Array<ValidFeature & { regionCode: string }> = [];
    for (const v of valid) {
      const c = byIndex.get(v.index);
      if (c?.reason) rejected.push({ index: v.index, reason: `geometry: invalid (${c.reason})` });
      else if (!c?.region_code)
        rejected.push({ index: v.index, reason: 'geometry: not inside any administrative region' });
      else if (!c.region_code.startsWith(scope.prefix))
        rejected.push({ index: v.index, reason: `geometry: outside your region (lies in ${c.region_code})` });
      else rows.push({ ...v, regionCode: c.region_code });
    }
    if (rows.length === 0) return 0;

    const label = remoteSensingKinds.labels[query.kind].zh;
    const stored = await tx.query<{ external_id: string | null }>(
      `INSERT INTO remote_sensing_product AS p
              (id, code, name, channel, kind, platform, sensor, source, external_id, acquired_at, region_code,
               properties, geometry)
       SELECT n.id, 'RS' || lpad(n.id::text, 8, '0'),
              coalesce(n.name, (SELECT r.name FROM region r WHERE r.code = n.region_code) || $12),
              $10, $11, n.platform, n.sensor, n.source, n.external_id, n.acquired_at, n.region_code,
              n.properties::jsonb, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(n.geometry), 4326))
         FROM (SELECT nextval('remote_sensing_product_id_seq') AS id, u.*
                 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                             $7::text[], $8::text[], $9::text[])
                      AS u(name, platform, sensor, source, external_id, acquired_at, region_code, properties, geometry)
              ) n
       ON CONFLICT (channel, kind, external_id) DO UPDATE
          SET name = excluded.name, platform = excluded.platform, sensor = excluded.sensor,
              source = excluded.source, acquired_at = excluded.acquired_at, received_at = now(),
              region_code = excluded.region_code, properties = excluded.properties, geometry = excluded.geometry
        WHERE p.region_code LIKE $13
       RETURNING p.external_id`,
      [
        rows.map((r) => r.name),
        rows.map((r) => r.platform),
        rows.map((r) => r.sensor),
        rows.map((r) => r.source),
        rows.map((r) => r.externalId),
        rows.map((r) => r.acquiredAt),
        rows.map((r) => r.regionCode),
        rows.map((r) => JSON.stringify(r.properties)),
        rows.map((r) => r.geometry),
        query.channel,
        query.kind,
        label,
        scopePattern(scope),
      ],
    );
    // A producer id already held by a product outside the caller's region is not theirs to replace.
    const written = new Set(stored.map((s) => s.external_id));
    let n = 0;
    for (const r of rows) {
      if (r.externalId === null || written.has(r.externalId)) n++;
      else rejected.push({ index: r.index, reason: 'id: held by a product outside your region' });
    }
    return n;
  });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, rejected };
}

function checkFeature(
  raw: unknown,
  query: GeojsonIngestQuery,
  now: number,
): string | Omit<ValidFeature, 'index'> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return '(feature): must be a GeoJSON Feature';
  const feature = raw as {
    type?: unknown;
    id?: unknown;
    geometry?: { type: string; coordinates: unknown };
    properties?: unknown;
  };
  if (feature.type !== 'Feature') return 'type: must be "Feature"';
  const problem = geometryProblem(feature.geometry, remoteSensingGeometryTypes[query.kind], {
    maxPositions: MAX_FEATURE_POSITIONS,
  });
  if (problem || !feature.geometry) return problem ?? 'geometry: required';
  const parsed = remoteSensingPropertiesSchema.safeParse(feature.properties);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
    const key = issue?.path.length === 1 ? String(issue.path[0]) : null;
    const missing = key !== null && !Object.hasOwn(feature.properties as object, key);
    return `properties${path}: ${missing ? 'required' : issue?.message}`;
  }
  const p = parsed.data;
  if (Date.parse(p.acquiredAt) > now + MAX_PRODUCT_FUTURE_SKEW_MS)
    return 'properties.acquiredAt: in the future';
  let externalId: string | null = null;
  if (feature.id !== undefined) {
    const id = featureIdSchema.safeParse(feature.id);
    if (!id.success) return `id: ${id.error.issues[0]?.message}`;
    externalId = String(id.data);
  }
  const rest: Record<string, unknown> = { ...p };
  for (const key of LIFTED) delete rest[key];
  return {
    externalId,
    name: p.name ?? null,
    platform: p.platform,
    sensor: p.sensor ?? null,
    source: p.source ?? null,
    acquiredAt: new Date(Date.parse(p.acquiredAt)).toISOString(),
    properties: rest,
    // Only what RFC 7946 defines reaches PostGIS: a stray `crs` member would re-project silently.
    geometry: JSON.stringify({ type: feature.geometry.type, coordinates: feature.geometry.coordinates }),
  };
}

const WHERE_WINDOW = `p.region_code LIKE $1 AND p.acquired_at >= $2 AND ($3::timestamptz IS NULL OR p.acquired_at <= $3)
   AND ${inBBox('p.geometry', 4)}`;

/** Fire hotspots in the window, newest first: the public layer of satellite fire detections. */
export async function hotspotsGeoJson(
  sql: SqlClient,
  scope: RegionScope,
  filter: SensingFilter,
): Promise<FeatureCollectionOf<HotspotFeature>> {
  const rows = await sql.query<{
    id: number;
    code: string;
    channel: HotspotFeature['properties']['channel'];
    platform: string;
    sensor: string | null;
    acquired_at: Date;
    confidence: unknown;
    brightness_k: number | null;
    frp_mw: number | null;
    lon: number;
    lat: number;
  }>(
    `SELECT p.id, p.code, p.channel, p.platform, p.sensor, p.acquired_at, p.properties->'confidence' AS confidence,
            (p.properties->>'brightnessK')::float8 AS brightness_k, (p.properties->>'frpMw')::float8 AS frp_mw,
            round(ST_X(p.geometry)::numeric, 5)::float8 AS lon, round(ST_Y(p.geometry)::numeric, 5)::float8 AS lat
       FROM remote_sensing_product p
      WHERE p.kind = 'fire_hotspot' AND ${WHERE_WINDOW}
      ORDER BY p.acquired_at DESC, p.id DESC LIMIT $8`,
    windowParams(scope, filter),
  );
  return featureCollection(rows, (r) => ({
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    properties: {
      id: r.id,
      code: r.code,
      channel: r.channel,
      platform: r.platform,
      sensor: r.sensor,
      acquiredAt: new Date(r.acquired_at).toISOString(),
      confidence: hotspotConfidenceOf(r.confidence),
      brightnessK: r.brightness_k,
      frpMw: r.frp_mw,
    },
  }));
}

/** Area products in the window (flood extents, footprints, burn scars, landslides), newest first. */
export async function sensingAreasGeoJson(
  sql: SqlClient,
  scope: RegionScope,
  filter: SensingFilter & { kind: string | null },
): Promise<FeatureCollectionOf<SensingAreaFeature>> {
  const rows = await sql.query<{
    id: number;
    code: string;
    name: string;
    channel: SensingAreaFeature['properties']['channel'];
    kind: SensingAreaFeature['properties']['kind'];
    platform: string;
    sensor: string | null;
    acquired_at: Date;
    geometry: string;
  }>(
    `SELECT p.id, p.code, p.name, p.channel, p.kind, p.platform, p.sensor, p.acquired_at,
            ST_AsGeoJSON(p.geometry, 5) AS geometry
       FROM remote_sensing_product p
      WHERE p.kind <> 'fire_hotspot' AND ($9::text IS NULL OR p.kind = $9) AND ${WHERE_WINDOW}
      ORDER BY p.acquired_at DESC, p.id DESC LIMIT $8`,
    [...windowParams(scope, filter), filter.kind],
  );
  return featureCollection(rows, (r) => ({
    geometry: JSON.parse(r.geometry),
    properties: {
      id: r.id,
      code: r.code,
      name: r.name,
      channel: r.channel,
      kind: r.kind,
      platform: r.platform,
      sensor: r.sensor,
      acquiredAt: new Date(r.acquired_at).toISOString(),
    },
  }));
}

interface ProductRow {
  id: number;
  code: string;
  name: string;
  channel: string;
  kind: string;
  platform: string;
  sensor: string | null;
  source: string | null;
  external_id: string | null;
  acquired_at: Date;
  received_at: Date;
  region_code: string;
  region_name: string | null;
  properties: Record<string, unknown>;
  area_km2: number | null;
  lon: number;
  lat: number;
}

/** The measures a product may carry, in the order the drawer lists them. */
const MEASURES: Array<{ key: string; label: Label; unit?: string }> = [
  { key: 'brightnessK', label: { zh: '亮温', en: 'Brightness temperature' }, unit: 'K' },
  { key: 'frpMw', label: { zh: '火辐射功率', en: 'Fire radiative power' }, unit: 'MW' },
  { key: 'pixelM', label: { zh: '像元大小', en: 'Pixel size' }, unit: 'm' },
  { key: 'water', label: { zh: '水体', en: 'Water body' } },
  { key: 'waterAreaKm2', label: { zh: '水体面积', en: 'Water area' }, unit: 'km²' },
  { key: 'resolutionM', label: { zh: '分辨率', en: 'Resolution' }, unit: 'm' },
  { key: 'cloudPct', label: { zh: '云量', en: 'Cloud cover' }, unit: '%' },
  { key: 'sceneId', label: { zh: '景号', en: 'Scene' } },
];

/**
 * A product's detail for the drawer: when and by what it was acquired, the measures it carries,
 * and its area. `layer` keeps the two layers apart: a hotspot is not an area and the other way round.
 */
export async function productDetail(
  sql: SqlClient,
  layer: 'hotspots' | 'sensingAreas',
  id: number,
  scope: RegionScope,
): Promise<FeatureDetail | null> {
  const [row] = await sql.query<ProductRow>(
    `SELECT p.id, p.code, p.name, p.channel, p.kind, p.platform, p.sensor, p.source, p.external_id,
            p.acquired_at, p.received_at, p.region_code, r.name AS region_name, p.properties,
            CASE WHEN p.kind = 'fire_hotspot' THEN NULL
                 ELSE round((ST_Area(p.geometry::geography) / 1e6)::numeric, 2)::float8 END AS area_km2,
            ST_X(ST_PointOnSurface(p.geometry)) AS lon, ST_Y(ST_PointOnSurface(p.geometry)) AS lat
       FROM remote_sensing_product p LEFT JOIN region r ON r.code = p.region_code
      WHERE p.id = $1 AND p.region_code LIKE $2 AND (p.kind = 'fire_hotspot') = $3`,
    [id, scopePattern(scope), layer === 'hotspots'],
  );
  if (!row) return null;
  const props = row.properties;
  const fields: FeatureField[] = [
    codeField('channel', { zh: '感知渠道', en: 'Channel' }, remoteSensingChannels, row.channel),
    codeField('kind', { zh: '产品类型', en: 'Product' }, remoteSensingKinds, row.kind),
    { key: 'platform', label: { zh: '平台', en: 'Platform' }, value: row.platform },
    { key: 'sensor', label: { zh: '传感器', en: 'Instrument' }, value: row.sensor },
    {
      key: 'acquiredAt',
      label: { zh: '成像时间', en: 'Acquired at' },
      value: new Date(row.acquired_at).toISOString(),
    },
    {
      key: 'receivedAt',
      label: { zh: '接收时间', en: 'Received at' },
      value: new Date(row.received_at).toISOString(),
    },
  ];
  if (row.kind === 'fire_hotspot') {
    const cls = hotspotConfidences.labels[hotspotConfidenceOf(props.confidence)];
    const pct = typeof props.confidence === 'number' ? props.confidence : null;
    fields.push({
      key: 'confidence',
      label: { zh: '置信度', en: 'Confidence' },
      value: pct === null ? cls : { zh: `${cls.zh}（${pct}%）`, en: `${cls.en} (${pct} %)` },
    });
  }
  for (const m of MEASURES) {
    const value = props[m.key];
    if (typeof value === 'number' || typeof value === 'string') {
      fields.push({ key: m.key, label: m.label, value, ...(m.unit ? { unit: m.unit } : {}) });
    }
  }
  if (row.area_km2 !== null) {
    fields.push({ key: 'areaKm2', label: { zh: '面积', en: 'Area' }, value: row.area_km2, unit: 'km²' });
  }
  fields.push({ key: 'source', label: { zh: '来源', en: 'Source' }, value: row.source });
  if (row.external_id) {
    fields.push({ key: 'externalId', label: { zh: '产品编号', en: 'Producer id' }, value: row.external_id });
  }
  return {
    layer,
    id: row.id,
    name: row.name,
    code: row.code,
    lon: row.lon,
    lat: row.lat,
    region: { code: row.region_code, name: row.region_name ?? row.region_code },
    fields,
  };
}
