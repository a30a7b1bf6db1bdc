import {
  type CameraFeature,
  type FeatureCollectionOf,
  type FeatureDetail,
  type FeatureLink,
  type Label,
  sensorStates,
} from '@onemap/domain';
import type { BBox } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import { codeField } from './detail-fields.js';
import { bboxParams, featureCollection, inBBox } from './layer-geojson.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * Cameras (视频感知): each camera is a sensor of kind `camera`; its view — bearing, field of view,
 * range — and its stream address live in `camera_view`. OneMap does not carry video: the stream
 * link is handed to the operator's player as it is, and the still is a frame this API draws
 * (name, time, bearing) until an NVR snapshot interface is connected.
 */
export async function camerasGeoJson(
  sql: SqlClient,
  scope: RegionScope,
  filter: { bbox: BBox | null; limit: number },
): Promise<FeatureCollectionOf<CameraFeature>> {
  const rows = await sql.query<{
    id: number;
    code: string;
    name: string;
    state: string;
    bearing_deg: number;
    fov_deg: number;
    range_m: number;
    ptz: boolean;
    lon: number;
    lat: number;
  }>(
    `SELECT s.id, s.code, s.name, s.state, v.bearing_deg, v.fov_deg, v.range_m, v.ptz,
            round(ST_X(s.location)::numeric, 6)::float8 AS lon, round(ST_Y(s.location)::numeric, 6)::float8 AS lat
       FROM camera_view v JOIN sensor s ON s.id = v.sensor_id
      WHERE s.region_code LIKE $1
        AND ${inBBox('s.location', 2)}
      ORDER BY s.id LIMIT $6`,
    [scopePattern(scope), ...bboxParams(filter.bbox), filter.limit],
  );
  return featureCollection(rows, (r) => ({
    geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
    properties: {
      id: r.id,
      code: r.code,
      name: r.name,
      state: r.state,
      bearingDeg: r.bearing_deg,
      fovDeg: r.fov_deg,
      rangeM: r.range_m,
      ptz: r.ptz,
    },
  }));
}

interface CameraRow {
  id: number;
  code: string;
  name: string;
  state: string;
  region_code: string;
  region_name: string | null;
  enterprise: string | null;
  bearing_deg: number;
  fov_deg: number;
  range_m: number;
  ptz: boolean;
  stream_url: string;
  lon: number;
  lat: number;
}

async function cameraRow(
  sql: SqlClient,
  scope: RegionScope,
  where: { id: number } | { code: string },
): Promise<CameraRow | null> {
  const [row] = await sql.query<CameraRow>(
    `SELECT s.id, s.code, s.name, s.state, s.region_code, r.name AS region_name,
            (SELECT e.name FROM enterprise e WHERE e.id = s.enterprise_id) AS enterprise,
            v.bearing_deg, v.fov_deg, v.range_m, v.ptz, v.stream_url,
            ST_X(s.location) AS lon, ST_Y(s.location) AS lat
       FROM camera_view v JOIN sensor s ON s.id = v.sensor_id LEFT JOIN region r ON r.code = s.region_code
      WHERE ${'id' in where ? 's.id = $1' : 's.code = $1'} AND s.region_code LIKE $2`,
    ['id' in where ? where.id : where.code, scopePattern(scope)],
  );
  return row ?? null;
}

/** Where the drawer's still link points: this API, so the browser never leaves the origin for it. */
export function stillPath(code: string): string {
  return `/api/v1/cameras/${encodeURIComponent(code)}/still`;
}

/**
 * A camera's detail: the sensor's state, its view, and links. The stream address is sensitive (it
 * reaches into a plant's or the city's video network), so only cleared roles get it, and the
 * caller audits that read.
 */
export async function cameraDetail(
  sql: SqlClient,
  id: number,
  access: { scope: RegionScope; sensitiveClearance: boolean },
): Promise<{ detail: FeatureDetail; sensitiveRead: string[] } | null> {
  const row = await cameraRow(sql, access.scope, { id });
  if (!row) return null;
  const links: FeatureLink[] = [];
  if (access.sensitiveClearance) {
    links.push({
      key: 'stream',
      label: { zh: '打开视频流', en: 'Open the stream' },
      href: row.stream_url,
      kind: 'stream',
    });
  }
  links.push({
    key: 'still',
    label: { zh: '查看快照', en: 'View a still' },
    href: stillPath(row.code),
    kind: 'image',
  });
  const detail: FeatureDetail = {
    layer: 'cameras',
    id: row.id,
    name: row.name,
    code: row.code,
    lon: row.lon,
    lat: row.lat,
    region: { code: row.region_code, name: row.region_name ?? row.region_code },
    fields: [
      codeField('state', { zh: '状态', en: 'State' }, sensorStates, row.state),
      { key: 'enterprise', label: { zh: '所属企业', en: 'Enterprise' }, value: row.enterprise },
      {
        key: 'bearingDeg',
        label: { zh: '朝向', en: 'Bearing' },
        value: {
          zh: `${row.bearing_deg}°（${compassPoint(row.bearing_deg).zh}）`,
          en: `${row.bearing_deg}° (${compassPoint(row.bearing_deg).en})`,
        },
      },
      { key: 'fovDeg', label: { zh: '视场角', en: 'Field of view' }, value: row.fov_deg, unit: '°' },
      { key: 'rangeM', label: { zh: '视距', en: 'Range' }, value: row.range_m, unit: 'm' },
      { key: 'ptz', label: { zh: '云台可控', en: 'Pan-tilt-zoom' }, value: row.ptz },
      ...(access.sensitiveClearance
        ? []
        : [
            {
              key: 'stream',
              label: { zh: '视频流', en: 'Stream' },
              value: { zh: '需敏感数据权限', en: 'Needs clearance for sensitive data' },
            },
          ]),
    ],
    links,
  };
  return { detail, sensitiveRead: access.sensitiveClearance ? ['streamUrl'] : [] };
}

const COMPASS: Label[] = [
  { zh: '北', en: 'N' },
  { zh: '东北', en: 'NE' },
  { zh: '东', en: 'E' },
  { zh: '东南', en: 'SE' },
  { zh: '南', en: 'S' },
  { zh: '西南', en: 'SW' },
  { zh: '西', en: 'W' },
  { zh: '西北', en: 'NW' },
];

/** The eight-wind direction of a bearing: 0° ± 22.5° is north. */
export function compassPoint(bearingDeg: number): Label {
  const i = Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8;
  return COMPASS[i] as Label;
}

/** The camera's still as SVG, or null when there is no such camera in the caller's region. */
export async function cameraStill(
  sql: SqlClient,
  scope: RegionScope,
  code: string,
  now: Date = new Date(),
): Promise<string | null> {
  const row = await cameraRow(sql, scope, { code });
  return row ? stillSvg(row, now) : null;
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The time as operators read it on a wall: Beijing time, to the second. */
function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A 640×360 frame in the layout of an NVR overlay (name and time top left, the bearing on a dial),
 * saying plainly that it is not a picture from the camera.
 */
function stillSvg(row: CameraRow, now: Date): string {
  const dir = compassPoint(row.bearing_deg);
  const half = row.fov_deg / 2;
  // The field of view as a wedge on the dial, north up.
  const wedge = (deg: number) => {
    const rad = ((deg - 90) * Math.PI) / 180;
    return `${(560 + 48 * Math.cos(rad)).toFixed(1)},${(290 + 48 * Math.sin(rad)).toFixed(1)}`;
  };
  const large = row.fov_deg > 180 ? 1 : 0;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360" role="img" aria-label="${xml(row.name)}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2c3e50"/><stop offset="0.55" stop-color="#4b6075"/><stop offset="0.56" stop-color="#3a4a3a"/><stop offset="1" stop-color="#1f2a1f"/>
    </linearGradient>
  </defs>
  <rect width="640" height="360" fill="url(#sky)"/>
  <g font-family="'Noto Sans CJK SC','Microsoft YaHei',sans-serif" fill="#fff">
    <text x="16" y="30" font-size="18">${xml(row.name)}</text>
    <text x="16" y="54" font-size="14" fill="#d0d8e0">${xml(row.code)} · ${xml(row.region_name ?? row.region_code)}</text>
    <text x="624" y="30" font-size="16" text-anchor="end" font-family="monospace">${beijingTime(now)}</text>
    <text x="320" y="170" font-size="22" text-anchor="middle" fill="#ffd54f">示意画面 · 非实时视频</text>
    <text x="320" y="198" font-size="15" text-anchor="middle" fill="#ffe9a8">Placeholder frame — not a picture from the camera</text>
    <text x="16" y="340" font-size="14">朝向 ${row.bearing_deg}°（${dir.zh}） 视场 ${row.fov_deg}° 视距 ${row.range_m} m${row.ptz ? ' 云台' : ''}</text>
  </g>
  <g stroke="#fff" stroke-opacity="0.8" fill="none">
    <circle cx="560" cy="290" r="48"/>
    <path d="M560,290 L${wedge(row.bearing_deg - half)} A48,48 0 ${large} 1 ${wedge(row.bearing_deg + half)} Z" fill="#00c8e6" fill-opacity="0.45"/>
  </g>
  <text x="560" y="236" font-size="12" text-anchor="middle" fill="#fff" font-family="sans-serif">N</text>
</svg>
`;
}
