import {
  type DroneFlightFeature,
  droneFlightStatuses,
  type FeatureCollectionOf,
  type FeatureDetail,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { codeField } from './detail-fields.js';
import { featureCollection, inBBox, type SensingFilter, windowParams } from './layer-geojson.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * Drone flights that were in the air during the window (started before its end, still flying or
 * landed after its start), with each vertex's time taken from the track's M values.
 */
export async function droneFlightsGeoJson(
  sql: SqlClient,
  scope: RegionScope,
  filter: SensingFilter,
): Promise<FeatureCollectionOf<DroneFlightFeature>> {
  const rows = await sql.query<{
    id: number;
    code: string;
    name: string;
    platform: string;
    team: string | null;
    status: DroneFlightFeature['properties']['status'];
    started_at: Date;
    ended_at: Date | null;
    geometry: string;
    times: number[];
  }>(
    `SELECT f.id, f.code, f.name, f.platform, f.team, f.status, f.started_at, f.ended_at,
            ST_AsGeoJSON(f.path, 6) AS geometry,
            (SELECT array_agg(ST_M(d.geom) ORDER BY d.path) FROM ST_DumpPoints(f.path) d) AS times
       FROM drone_flight f
      WHERE f.region_code LIKE $1 AND coalesce(f.ended_at, 'infinity') >= $2
        AND ($3::timestamptz IS NULL OR f.started_at <= $3)
        AND ${inBBox('f.path', 4)}
      ORDER BY f.started_at DESC, f.id DESC LIMIT $8`,
    windowParams(scope, filter),
  );
  return featureCollection(rows, (r) => ({
    geometry: JSON.parse(r.geometry),
    properties: {
      id: r.id,
      code: r.code,
      name: r.name,
      platform: r.platform,
      team: r.team,
      status: r.status,
      startedAt: new Date(r.started_at).toISOString(),
      endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
      times: r.times.map((t) => new Date(t * 1000).toISOString()),
    },
  }));
}

/** A flight's detail; its position is where the drone was last (still flying, or landed). */
export async function droneFlightDetail(
  sql: SqlClient,
  id: number,
  scope: RegionScope,
): Promise<FeatureDetail | null> {
  const [row] = await sql.query<{
    id: number;
    code: string;
    name: string;
    platform: string;
    team: string | null;
    status: string;
    region_code: string;
    region_name: string | null;
    started_at: Date;
    ended_at: Date | null;
    length_km: number;
    last_fix: number;
    lon: number;
    lat: number;
  }>(
    `SELECT f.id, f.code, f.name, f.platform, f.team, f.status, f.region_code, r.name AS region_name,
            f.started_at, f.ended_at, round((ST_Length(f.path::geography) / 1000)::numeric, 2)::float8 AS length_km,
            ST_M(ST_EndPoint(f.path)) AS last_fix, ST_X(ST_EndPoint(f.path)) AS lon, ST_Y(ST_EndPoint(f.path)) AS lat
       FROM drone_flight f LEFT JOIN region r ON r.code = f.region_code
      WHERE f.id = $1 AND f.region_code LIKE $2`,
    [id, scopePattern(scope)],
  );
  if (!row) return null;
  const started = new Date(row.started_at).getTime();
  const lastFix = row.last_fix * 1000;
  return {
    layer: 'droneFlights',
    id: row.id,
    name: row.name,
    code: row.code,
    lon: row.lon,
    lat: row.lat,
    region: { code: row.region_code, name: row.region_name ?? row.region_code },
    fields: [
      { key: 'platform', label: { zh: '机型', en: 'Aircraft' }, value: row.platform },
      { key: 'team', label: { zh: '执飞队伍', en: 'Team' }, value: row.team },
      codeField('status', { zh: '状态', en: 'Status' }, droneFlightStatuses, row.status),
      { key: 'startedAt', label: { zh: '起飞时间', en: 'Took off' }, value: new Date(started).toISOString() },
      {
        key: 'endedAt',
        label: { zh: '降落时间', en: 'Landed' },
        value: row.ended_at ? new Date(row.ended_at).toISOString() : null,
      },
      {
        key: 'lastFixAt',
        label: { zh: '最新定位', en: 'Last position at' },
        value: new Date(lastFix).toISOString(),
      },
      {
        key: 'durationMin',
        label: { zh: '飞行时长', en: 'Flight time' },
        value: Math.round((lastFix - started) / 60_000),
        unit: 'min',
      },
      { key: 'lengthKm', label: { zh: '航程', en: 'Distance flown' }, value: row.length_km, unit: 'km' },
    ],
  };
}
