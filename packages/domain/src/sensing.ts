import { z } from 'zod';
import { type CodeOf, vocabulary } from './vocabulary.js';

/**
 * The other sensing channels besides IoT readings: remote-sensing products from satellites and
 * aircraft (卫星遥感、航空遥感), drone flights, and cameras (视频感知). Products arrive as GeoJSON
 * from the agencies that make them (国家卫星气象中心, 中国资源卫星应用中心, drone teams); the map
 * shows them as their own layers beside the sensors.
 */

/** The channels that deliver products over `POST /api/v1/ingest/geojson`. */
export const remoteSensingChannels = vocabulary({
  satellite: { zh: '卫星遥感', en: 'Satellite' },
  aerial: { zh: '航空遥感', en: 'Aerial' },
});
export type RemoteSensingChannel = CodeOf<typeof remoteSensingChannels>;

/** What a product shows. Append new kinds at the end. */
export const remoteSensingKinds = vocabulary({
  fire_hotspot: { zh: '火点', en: 'Fire hotspot' },
  flood_extent: { zh: '洪水淹没范围', en: 'Flood extent' },
  imagery_footprint: { zh: '影像覆盖范围', en: 'Imagery footprint' },
  burn_scar: { zh: '过火区', en: 'Burn scar' },
  landslide: { zh: '滑坡体', en: 'Landslide' },
});
export type RemoteSensingKind = CodeOf<typeof remoteSensingKinds>;

export type ProductGeometryType = 'Point' | 'Polygon' | 'MultiPolygon';

/** The GeoJSON geometry types a product of each kind may have: hotspots are pixels, the rest areas. */
export const remoteSensingGeometryTypes: Readonly<Record<RemoteSensingKind, readonly ProductGeometryType[]>> =
  {
    fire_hotspot: ['Point'],
    flood_extent: ['Polygon', 'MultiPolygon'],
    imagery_footprint: ['Polygon', 'MultiPolygon'],
    burn_scar: ['Polygon', 'MultiPolygon'],
    landslide: ['Polygon', 'MultiPolygon'],
  };

/** Fire-detection confidence classes, as VIIRS reports them (MODIS' 0–100 % maps onto them). */
export const hotspotConfidences = vocabulary({
  high: { zh: '高置信度', en: 'High confidence' },
  nominal: { zh: '中置信度', en: 'Nominal confidence' },
  low: { zh: '低置信度', en: 'Low confidence' },
});
export type HotspotConfidence = CodeOf<typeof hotspotConfidences>;

/**
 * The confidence class of a hotspot's `confidence` property: a class code as VIIRS sends it, or a
 * percentage as MODIS and FY-3 send it (≥ 80 high, < 30 low, the split NASA FIRMS uses).
 *
 * @example hotspotConfidenceOf(85) === 'high'; hotspotConfidenceOf('low') === 'low'; hotspotConfidenceOf(undefined) === 'nominal'
 */
export function hotspotConfidenceOf(value: unknown): HotspotConfidence {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value >= 80 ? 'high' : value < 30 ? 'low' : 'nominal';
  }
  if (typeof value === 'string') {
    const code = { h: 'high', n: 'nominal', l: 'low' }[value.trim().toLowerCase()[0] ?? ''];
    if (code) return code as HotspotConfidence;
  }
  return 'nominal';
}

/** How long ago a hotspot was seen: a fire seen an hour ago is news, one seen three days ago history. */
export const hotspotAges = vocabulary({
  h6: { zh: '6小时内', en: 'Within 6 h' },
  h24: { zh: '24小时内', en: 'Within 24 h' },
  h72: { zh: '72小时内', en: 'Within 72 h' },
  older: { zh: '72小时前', en: 'Over 72 h ago' },
});
export type HotspotAge = CodeOf<typeof hotspotAges>;

/**
 * The age class of a product acquired at `acquiredAtMs`, seen at `nowMs`.
 *
 * @example hotspotAgeOf(Date.parse('2026-11-25T06:00Z'), Date.parse('2026-11-25T08:00Z')) === 'h6'
 */
export function hotspotAgeOf(acquiredAtMs: number, nowMs: number): HotspotAge {
  const hours = (nowMs - acquiredAtMs) / 3600_000;
  return hours <= 6 ? 'h6' : hours <= 24 ? 'h24' : hours <= 72 ? 'h72' : 'older';
}

export const droneFlightStatuses = vocabulary({
  in_flight: { zh: '飞行中', en: 'In flight' },
  completed: { zh: '已完成', en: 'Completed' },
  aborted: { zh: '已中止', en: 'Aborted' },
});
export type DroneFlightStatus = CodeOf<typeof droneFlightStatuses>;

/** The map layers of these channels, drawn from GeoJSON (`GET /api/v1/layers/{id}.geojson`). */
export const sensingLayerIds = ['hotspots', 'sensingAreas', 'droneFlights', 'cameras'] as const;
export type SensingLayerId = (typeof sensingLayerIds)[number];

export const sensingLayers = {
  hotspots: { id: 'hotspots', label: { zh: '卫星火点', en: 'Fire hotspots' }, group: 'monitoring' },
  sensingAreas: {
    id: 'sensingAreas',
    label: { zh: '遥感监测范围', en: 'Remote-sensing areas' },
    group: 'monitoring',
  },
  droneFlights: { id: 'droneFlights', label: { zh: '无人机航迹', en: 'Drone flights' }, group: 'monitoring' },
  cameras: { id: 'cameras', label: { zh: '视频监控视域', en: 'Camera views' }, group: 'monitoring' },
} as const;

// ---------------------------------------------------------------------------------------------
// Ingest: POST /api/v1/ingest/geojson?channel=…&kind=…

export const MAX_GEOJSON_FEATURES = 10_000;
export const MAX_GEOJSON_BYTES = 8 * 1024 * 1024;
/** Clock skew tolerated for a product stamped in the future (the same as for readings). */
export const MAX_PRODUCT_FUTURE_SKEW_MS = 5 * 60_000;
/** Ingested properties beyond the known ones are kept, up to this many. */
export const MAX_PRODUCT_PROPERTIES = 32;

export const geojsonIngestQuerySchema = z.object({
  channel: remoteSensingChannels.schema,
  kind: remoteSensingKinds.schema,
});
export type GeojsonIngestQuery = z.infer<typeof geojsonIngestQuerySchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const nonNegative = z.number().finite().min(0);

/**
 * A product's properties: when and by what it was acquired, required; the measures operators read
 * (confidence, brightness temperature, fire radiative power, water area, resolution…) checked
 * where given; anything else kept as it came, as long as it is a plain value.
 */
export const remoteSensingPropertiesSchema = z
  .object({
    acquiredAt: z.iso.datetime({ offset: true }),
    platform: text(64),
    sensor: text(64).optional(),
    name: text(128).optional(),
    source: text(128).optional(),
    confidence: z
      .union([z.number().finite().min(0).max(100), z.enum(['low', 'nominal', 'high', 'l', 'n', 'h'])])
      .optional(),
    brightnessK: z.number().finite().min(150).max(1500).optional(),
    frpMw: nonNegative.optional(),
    pixelM: z.number().finite().positive().max(100_000).optional(),
    waterAreaKm2: nonNegative.optional(),
    resolutionM: z.number().finite().positive().max(100_000).optional(),
    cloudPct: z.number().finite().min(0).max(100).optional(),
    sceneId: text(128).optional(),
  })
  .catchall(z.union([z.string().max(256), z.number().finite(), z.boolean(), z.null()]))
  .refine((p) => Object.keys(p).length <= MAX_PRODUCT_PROPERTIES, {
    message: `at most ${MAX_PRODUCT_PROPERTIES} properties`,
  });
export type RemoteSensingProperties = z.infer<typeof remoteSensingPropertiesSchema>;

/** RFC 7946 §3.2: a Feature's optional identifier, here the producer's id for idempotent re-sends. */
export const featureIdSchema = z.union([text(128), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

// ---------------------------------------------------------------------------------------------
// Reading: the layers' GeoJSON

/** Products and flights of the last 72 hours unless a request asks for another window. */
export const SENSING_DEFAULT_WINDOW_MS = 72 * 3600_000;
/** A window spans at most this long (a season's products are an archive query, not a map layer). */
export const SENSING_MAX_WINDOW_MS = 366 * 86_400_000;

export const sensingWindowSchema = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((w) => !w.since || !w.until || Date.parse(w.since) <= Date.parse(w.until), {
    message: 'since must not be after until',
    path: ['since'],
  });

interface Feature<G, P> {
  type: 'Feature';
  id: number;
  geometry: G;
  properties: P;
}
export interface FeatureCollectionOf<F> {
  type: 'FeatureCollection';
  features: F[];
}
type Position = [number, number];
type AreaGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** `GET /api/v1/layers/hotspots.geojson`. */
export type HotspotFeature = Feature<
  { type: 'Point'; coordinates: Position },
  {
    id: number;
    code: string;
    channel: RemoteSensingChannel;
    platform: string;
    sensor: string | null;
    acquiredAt: string;
    confidence: HotspotConfidence;
    brightnessK: number | null;
    frpMw: number | null;
  }
>;

/** `GET /api/v1/layers/sensingAreas.geojson`: flood extents, footprints, burn scars, landslides. */
export type SensingAreaFeature = Feature<
  AreaGeometry,
  {
    id: number;
    code: string;
    name: string;
    channel: RemoteSensingChannel;
    kind: Exclude<RemoteSensingKind, 'fire_hotspot'>;
    platform: string;
    sensor: string | null;
    acquiredAt: string;
  }
>;

/** `GET /api/v1/layers/droneFlights.geojson`: `times` holds the time of each vertex of the path. */
export type DroneFlightFeature = Feature<
  { type: 'LineString'; coordinates: Position[] },
  {
    id: number;
    code: string;
    name: string;
    platform: string;
    team: string | null;
    status: DroneFlightStatus;
    startedAt: string;
    endedAt: string | null;
    times: string[];
  }
>;

/** `GET /api/v1/layers/cameras.geojson`: a camera and the wedge it sees (no stream address here). */
export type CameraFeature = Feature<
  { type: 'Point'; coordinates: Position },
  {
    id: number;
    code: string;
    name: string;
    state: string;
    bearingDeg: number;
    fovDeg: number;
    rangeM: number;
    ptz: boolean;
  }
>;
