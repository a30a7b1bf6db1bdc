import { remoteSensingKinds } from '@onemap/domain';
import {
  createRng,
  destination,
  haversineKm,
  type LonLat,
  pick,
  type Rng,
  randomInt,
  randomPointNear,
  swathFootprint,
  weightedPick,
} from '@onemap/geo';
import type { Anchor } from './generate.js';
import { shortPlaceName } from './names.js';
import type {
  CameraViewRow,
  DroneFlightRow,
  IncidentRow,
  RemoteSensingRow,
  SensorRow,
  TeamRow,
} from './rows.js';

/** Its own stream, so these rows neither shift nor depend on the rest of the seed. */
const SENSING_SEED = 20_181_113 + 4;

/** Counts at scale 1. */
export const SENSING_BASE_COUNTS = { fireClusters: 60, floodExtents: 10, footprints: 80, droneFlights: 40 };

export interface SensingSeedInput {
  anchors: readonly Anchor[];
  /** The finest region containing a point, or null off land. */
  locate(lon: number, lat: number): string | null;
  sensors: readonly SensorRow[];
  incidents: readonly IncidentRow[];
  teams: readonly TeamRow[];
  count(n: number): number;
  now: Date;
}

export interface SensingRows {
  remoteSensing: RemoteSensingRow[];
  droneFlights: DroneFlightRow[];
  cameraViews: CameraViewRow[];
}

const HOUR = 3600_000;

/**
 * Satellite and aerial products of the last three days, drone flights and camera views. Hotspots
 * cluster where China's forest fires are (the south-west — Yunnan, 凉山 — the Greater Khingan in
 * the north-east, Guangxi, Guizhou), flood extents lie on real rivers and lakes, image footprints
 * are scenes along sun-synchronous passes over incidents and towns.
 */
export function generateSensing(input: SensingSeedInput): SensingRows {
  const rng = createRng(SENSING_SEED);
  const remoteSensing = [
    ...generateHotspots(rng, input),
    ...generateFloodExtents(rng, input),
    ...generateFootprints(rng, input),
  ].map((row, i) => ({ ...row, code: `RS${String(i + 1).padStart(8, '0')}` }));
  return {
    remoteSensing,
    droneFlights: generateDroneFlights(rng, input),
    cameraViews: generateCameraViews(rng, input.sensors),
  };
}

type ProductDraft = Omit<RemoteSensingRow, 'code'>;

function round6([lon, lat]: LonLat): LonLat {
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

function hoursBefore(now: Date, hours: number): Date {
  return new Date(now.getTime() - Math.round(hours * HOUR));
}

/** Forest-fire provinces, weighted by how many hotspots they see in a season. */
const FIRE_PROVINCES: Array<[string, number]> = [
  ['530000', 0.3], // 云南
  ['510000', 0.2], // 四川 (凉山, 甘孜)
  ['450000', 0.1], // 广西
  ['520000', 0.08], // 贵州
  ['230000', 0.1], // 黑龙江 (大兴安岭)
  ['150000', 0.1], // 内蒙古 (呼伦贝尔)
  ['360000', 0.06], // 江西
  ['540000', 0.06], // 西藏 (林芝)
];

const HOTSPOT_PLATFORMS = [
  { platform: '风云三号D', sensor: 'MERSI-II', pixelM: 1000, source: '国家卫星气象中心' },
  { platform: '风云四号B', sensor: 'AGRI', pixelM: 2000, source: '国家卫星气象中心' },
  { platform: 'NOAA-20', sensor: 'VIIRS', pixelM: 375, source: 'NASA FIRMS' },
  { platform: 'Suomi NPP', sensor: 'VIIRS', pixelM: 375, source: 'NASA FIRMS' },
  { platform: 'Aqua', sensor: 'MODIS', pixelM: 1000, source: 'NASA FIRMS' },
  { platform: '葵花九号', sensor: 'AHI', pixelM: 2000, source: '国家卫星气象中心' },
];

function generateHotspots(rng: Rng, input: SensingSeedInput): ProductDraft[] {
  const byProvince = new Map<string, Anchor[]>();
  for (const a of input.anchors) {
    const list = byProvince.get(a.provinceCode) ?? [];
    list.push(a);
    byProvince.set(a.provinceCode, list);
  }
  const provinces = FIRE_PROVINCES.filter(([code]) => byProvince.has(code));
  const rows: ProductDraft[] = [];
  for (let c = 0; c < input.count(SENSING_BASE_COUNTS.fireClusters); c++) {
    const [province] = weightedPick(rng, provinces, ([, w]) => w);
    // Fires burn in the hills between towns: up to 60 km out from a place of the province.
    const anchor = pick(rng, byProvince.get(province) as Anchor[]);
    const origin = landPointNear(rng, input, [anchor.lon, anchor.lat], 60);
    if (!origin) continue;
    const place = shortPlaceName(anchor.name);
    // A fire seen on one to four passes, growing from pass to pass.
    let ageH = 3 + rng() * 66;
    const passes = randomInt(rng, 1, 4);
    for (let p = 0; p < passes && ageH > 0.3; p++) {
      const sat = pick(rng, HOTSPOT_PLATFORMS);
      const pixels = randomInt(rng, 2, 6 + p * 5);
      const acquiredAt = hoursBefore(input.now, ageH);
      for (let k = 0; k < pixels; k++) {
        const at = landPointNear(rng, input, origin.at, 1 + p * 1.5);
        if (!at) continue;
        const confidence = Math.round(20 + rng() * 80);
        rows.push({
          name: `${place}火点`,
          channel: 'satellite',
          kind: 'fire_hotspot',
          platform: sat.platform,
          sensor: sat.sensor,
          source: sat.source,
          acquiredAt,
          receivedAt: new Date(acquiredAt.getTime() + randomInt(rng, 8, 40) * 60_000),
          regionCode: at.regionCode,
          properties: {
            confidence,
            brightnessK: Math.round((310 + rng() * 90 + confidence * 0.3) * 10) / 10,
            frpMw: Math.round(Math.exp(1 + rng() * 4) * 10) / 10,
            pixelM: sat.pixelM,
          },
          geometry: { type: 'Point', coordinates: at.at },
        });
      }
      ageH -= 4 + rng() * 14;
    }
  }
  return rows;
}

/** Reaches of rivers and lakes that flood (centre, direction of flow or of the lake's long axis, size). */
const FLOOD_REACHES = [
  { water: '长江', place: '荆州', at: [112.3, 30.25], heading: 100, lengthKm: 42, widthKm: 7 },
  { water: '鄱阳湖', place: '都昌', at: [116.3, 29.05], heading: 25, lengthKm: 60, widthKm: 24 },
  { water: '洞庭湖', place: '岳阳', at: [112.95, 29.3], heading: 20, lengthKm: 45, widthKm: 18 },
  { water: '淮河', place: '阜南', at: [115.6, 32.45], heading: 75, lengthKm: 36, widthKm: 6 },
  { water: '西江', place: '梧州', at: [111.25, 23.47], heading: 95, lengthKm: 30, widthKm: 4 },
  { water: '松花江', place: '哈尔滨', at: [126.65, 45.8], heading: 60, lengthKm: 40, widthKm: 6 },
  { water: '嫩江', place: '齐齐哈尔', at: [123.9, 47.3], heading: 350, lengthKm: 40, widthKm: 8 },
  { water: '嘉陵江', place: '南充', at: [106.08, 30.8], heading: 190, lengthKm: 25, widthKm: 3 },
  { water: '钱塘江', place: '富阳', at: [119.95, 30.05], heading: 45, lengthKm: 22, widthKm: 3 },
  { water: '辽河', place: '盘锦', at: [122.07, 41.15], heading: 200, lengthKm: 30, widthKm: 6 },
] as const;

const FLOOD_PLATFORMS = [
  { platform: '高分三号', sensor: 'C-SAR', resolutionM: 10 },
  { platform: 'Sentinel-1A', sensor: 'C-SAR', resolutionM: 10 },
  { platform: '高分六号', sensor: 'WFV', resolutionM: 16 },
  { platform: '高分一号', sensor: 'WFV', resolutionM: 16 },
];

function generateFloodExtents(rng: Rng, input: SensingSeedInput): ProductDraft[] {
  const rows: ProductDraft[] = [];
  const n = Math.min(FLOOD_REACHES.length, input.count(SENSING_BASE_COUNTS.floodExtents));
  for (let i = 0; i < n; i++) {
    const reach = FLOOD_REACHES[i] as (typeof FLOOD_REACHES)[number];
    const center: LonLat = [reach.at[0], reach.at[1]];
    const regionCode = input.locate(center[0], center[1]);
    if (!regionCode) continue;
    const sat = pick(rng, FLOOD_PLATFORMS);
    const acquiredAt = hoursBefore(input.now, 2 + rng() * 46);
    rows.push({
      name: `${reach.water}${reach.place}段${remoteSensingKinds.labels.flood_extent.zh}`,
      channel: 'satellite',
      kind: 'flood_extent',
      platform: sat.platform,
      sensor: sat.sensor,
      source: '应急管理部国家减灾中心',
      acquiredAt,
      receivedAt: new Date(acquiredAt.getTime() + randomInt(rng, 60, 240) * 60_000),
      regionCode,
      properties: { water: reach.water, resolutionM: sat.resolutionM },
      geometry: {
        type: 'Polygon',
        coordinates: [floodRing(rng, center, reach.heading, reach.lengthKm, reach.widthKm)],
      },
    });
  }
  return rows;
}

/**
 * An inundated area along a reach: an ellipse stretched along the water, its edge pushed in and
 * out by a few smooth waves. Every vertex is on its own ray from the centre at a positive
 * distance, so the ring never crosses itself.
 */
function floodRing(rng: Rng, center: LonLat, heading: number, lengthKm: number, widthKm: number): LonLat[] {
  const waves = [1, 2, 3].map((k) => ({ k: k + 1, phase: rng() * 2 * Math.PI, amp: 0.12 / k }));
  const ring: LonLat[] = [];
  const steps = 48;
  for (let i = 0; i < steps; i++) {
    // Anticlockwise: bearings decrease.
    const theta = (-2 * Math.PI * i) / steps;
    const a = lengthKm / 2;
    const b = widthKm / 2;
    const r = (a * b) / Math.hypot(b * Math.cos(theta), a * Math.sin(theta));
    const wobble = waves.reduce((f, w) => f + w.amp * Math.sin(w.k * theta + w.phase), 1);
    ring.push(round6(destination(center, r * wobble, heading + (theta * 180) / Math.PI)));
  }
  ring.push(ring[0] as LonLat);
  return ring;
}

const FOOTPRINT_PLATFORMS = [
  { channel: 'satellite', platform: '高分二号', sensor: 'PMS', alongKm: 45, acrossKm: 45, resolutionM: 0.8 },
  { channel: 'satellite', platform: '高分一号', sensor: 'PMS', alongKm: 60, acrossKm: 60, resolutionM: 2 },
  { channel: 'satellite', platform: '高分三号', sensor: 'C-SAR', alongKm: 50, acrossKm: 50, resolutionM: 5 },
  {
    channel: 'satellite',
    platform: '资源三号02星',
    sensor: 'TLC',
    alongKm: 51,
    acrossKm: 51,
    resolutionM: 2.1,
  },
  {
    channel: 'satellite',
    platform: '吉林一号宽幅01',
    sensor: 'PMS',
    alongKm: 80,
    acrossKm: 136,
    resolutionM: 0.5,
  },
  {
    channel: 'satellite',
    platform: 'Sentinel-2A',
    sensor: 'MSI',
    alongKm: 110,
    acrossKm: 110,
    resolutionM: 10,
  },
  { channel: 'aerial', platform: '翼龙-2H', sensor: 'SAR', alongKm: 20, acrossKm: 5, resolutionM: 0.5 },
  {
    channel: 'aerial',
    platform: '纵横 CW-15',
    sensor: '正射相机',
    alongKm: 3,
    acrossKm: 2,
    resolutionM: 0.05,
  },
  {
    channel: 'aerial',
    platform: '大疆 M300 RTK',
    sensor: '禅思 P1',
    alongKm: 1.5,
    acrossKm: 1,
    resolutionM: 0.03,
  },
] as const;

const SAR = new Set(['C-SAR', 'SAR']);

function generateFootprints(rng: Rng, input: SensingSeedInput): ProductDraft[] {
  const rows: ProductDraft[] = [];
  const recent = input.incidents.filter((i) => input.now.getTime() - i.occurredAt.getTime() < 30 * 24 * HOUR);
  const sources = recent.length > 0 ? recent : input.incidents;
  for (let i = 0; i < input.count(SENSING_BASE_COUNTS.footprints); i++) {
    const kit = pick(rng, FOOTPRINT_PLATFORMS);
    // Most scenes are tasked over an incident; the rest are routine coverage of towns.
    const target: LonLat =
      sources.length > 0 && rng() < 0.6
        ? pick(rng, sources).at
        : (() => {
            const a = pick(rng, input.anchors);
            return [a.lon, a.lat];
          })();
    const at = landPointNear(rng, input, target, kit.channel === 'aerial' ? 1 : 15);
    if (!at) continue;
    // Sun-synchronous passes run a little west of south going down, east of north going up.
    const heading =
      kit.channel === 'aerial' ? randomInt(rng, 0, 359) : rng() < 0.7 ? 190 + rng() * 4 : 346 + rng() * 4;
    const acquiredAt = hoursBefore(input.now, 1 + rng() * 60);
    const stamp = acquiredAt.toISOString().slice(0, 10).replaceAll('-', '');
    const properties: Record<string, number | string> = {
      resolutionM: kit.resolutionM,
      sceneId: `${kit.platform}_${kit.sensor}_E${at.at[0].toFixed(1)}_N${at.at[1].toFixed(1)}_${stamp}`,
    };
    if (!SAR.has(kit.sensor)) properties.cloudPct = randomInt(rng, 0, 40);
    const ring = swathFootprint(at.at, kit.alongKm, kit.acrossKm, heading).coordinates[0] as LonLat[];
    rows.push({
      name: `${kit.platform}${kit.channel === 'aerial' ? '航摄' : '影像'}`,
      channel: kit.channel,
      kind: 'imagery_footprint',
      platform: kit.platform,
      sensor: kit.sensor,
      source: kit.channel === 'aerial' ? '应急管理部航空救援中心' : '中国资源卫星应用中心',
      acquiredAt,
      receivedAt: new Date(acquiredAt.getTime() + randomInt(rng, 20, 180) * 60_000),
      regionCode: at.regionCode,
      properties,
      geometry: { type: 'Polygon', coordinates: [ring.map(round6)] },
    });
  }
  return rows;
}

const DRONES = [
  { platform: '大疆 M300 RTK', speedMs: 10, legKm: 0.8, legs: 6 },
  { platform: '大疆 M350 RTK', speedMs: 12, legKm: 1, legs: 6 },
  { platform: '大疆 Mavic 3E', speedMs: 8, legKm: 0.5, legs: 4 },
  { platform: '纵横 CW-15', speedMs: 20, legKm: 3, legs: 5 },
  { platform: '翼龙-2H', speedMs: 50, legKm: 15, legs: 4 },
] as const;

/** The incidents drones are sent to: floods, landslides, fires, quakes, chemical leaks. */
const DRONE_INCIDENTS = new Set([
  'flood',
  'landslide',
  'forest_fire',
  'grassland_fire',
  'earthquake',
  'hazchem_leak',
  'hazchem_explosion',
  'building_collapse',
  'rainstorm',
]);

/** The teams that fly drones (消防、森林消防、抗洪、地震、危化、航空救援 and volunteer rescue). */
const DRONE_TEAMS = new Set([
  'fire_rescue',
  'forest_fire',
  'flood_rescue',
  'earthquake_rescue',
  'hazchem',
  'helicopter',
  'volunteer',
]);

/**
 * Survey flights over incidents: out from a team's base (or a launch point near the scene), a
 * lawnmower pattern of parallel legs over the scene, and back. Each vertex carries its time at the
 * platform's cruising speed; a flight still under way ends at `now`.
 */
function generateDroneFlights(rng: Rng, input: SensingSeedInput): DroneFlightRow[] {
  const scenes = input.incidents.filter((i) => DRONE_INCIDENTS.has(i.type));
  const targets = scenes.length > 0 ? scenes : input.incidents;
  const rows: DroneFlightRow[] = [];
  if (targets.length === 0) return rows;
  const nowS = input.now.getTime() / 1000;
  for (let i = 0; i < input.count(SENSING_BASE_COUNTS.droneFlights); i++) {
    const incident = pick(rng, targets);
    const drone = pick(rng, DRONES);
    const city = incident.regionCode.slice(0, 4);
    const local = input.teams.filter((t) => t.regionCode.startsWith(city) && DRONE_TEAMS.has(t.type));
    const team = local.length > 0 ? pick(rng, local) : null;
    const scene = incident.at;
    // A team launches from its base when the scene is within a quarter of an hour's flight.
    const launch =
      team && haversineKm(team.base, scene) < (drone.speedMs * 900) / 1000
        ? team.base
        : (destination(scene, drone.legKm * (0.5 + rng()), randomInt(rng, 0, 359)) as LonLat);
    const heading = randomInt(rng, 0, 179);
    const spacing = drone.legKm / drone.legs;
    const corner = destination(
      destination(scene, drone.legKm / 2, heading + 180),
      (drone.legKm * (drone.legs - 1)) / drone.legs / 2,
      heading - 90,
    );
    const points: LonLat[] = [launch];
    for (let leg = 0; leg < drone.legs; leg++) {
      const start = destination(corner, leg * spacing, heading + 90);
      const end = destination(start, drone.legKm, heading);
      points.push(...(leg % 2 === 0 ? [start, end] : [end, start]));
    }
    points.push(launch);
    const startS = Math.round(nowS - (0.2 + rng() * 70) * 3600);
    const path: Array<[number, number, number]> = [];
    let t = startS;
    points.forEach((p, k) => {
      if (k > 0) t += (haversineKm(points[k - 1] as LonLat, p) * 1000) / drone.speedMs;
      const [lon, lat] = round6(p);
      path.push([lon, lat, Math.round(t)]);
    });
    const aborted = rng() < 0.06;
    const cut = aborted ? Math.max(2, Math.floor(path.length * (0.3 + rng() * 0.4))) : path.length;
    const flown = path.slice(0, cut).filter((v, k) => k < 2 || v[2] <= nowS);
    const inFlight = !aborted && flown.length < path.length;
    const last = flown[flown.length - 1] as [number, number, number];
    rows.push({
      code: `UAV${String(i + 1).padStart(6, '0')}`,
      name: `${incident.title}无人机航测`,
      platform: drone.platform,
      team: team?.name ?? null,
      status: aborted ? 'aborted' : inFlight ? 'in_flight' : 'completed',
      regionCode: input.locate(launch[0], launch[1]) ?? incident.regionCode,
      startedAt: new Date(startS * 1000),
      endedAt: inFlight ? null : new Date(last[2] * 1000),
      path: flown,
    });
  }
  return rows;
}

/**
 * Every camera's view. Plant cameras watch a yard at close range; public ones a street or a
 * river bank; a few are forest-fire lookouts (高点瞭望) on hills that see kilometres. Public
 * streams come through the video aggregation platform as HLS, plant ones from the plant's NVR.
 */
function generateCameraViews(rng: Rng, sensors: readonly SensorRow[]): CameraViewRow[] {
  const rows: CameraViewRow[] = [];
  for (const s of sensors) {
    if (s.kind !== 'camera') continue;
    const atPlant = s.enterpriseId !== null;
    const lookout = !atPlant && rng() < 0.05;
    const ptz = lookout || rng() < 0.3;
    const fovDeg = lookout ? randomInt(rng, 30, 50) : ptz ? randomInt(rng, 40, 60) : randomInt(rng, 60, 95);
    const rangeM = lookout
      ? randomInt(rng, 30, 80) * 100
      : atPlant
        ? randomInt(rng, 6, 25) * 10
        : randomInt(rng, 15, 80) * 10;
    rows.push({
      sensorCode: s.code,
      bearingDeg: randomInt(rng, 0, 359),
      fovDeg,
      rangeM,
      ptz,
      streamUrl: atPlant
        ? `rtsp://nvr-${s.regionCode}.video.yjgl.internal:554/${s.code}/main`
        : `https://video.yjgl.internal/live/${s.code}/index.m3u8`,
    });
  }
  return rows;
}

/** A point on land within `radiusKm` of `center`, with its region; null after a few misses (sea, border). */
function landPointNear(
  rng: Rng,
  input: SensingSeedInput,
  center: LonLat,
  radiusKm: number,
): { at: LonLat; regionCode: string } | null {
  for (let attempt = 0; attempt < 8; attempt++) {
    const at = round6(randomPointNear(rng, center, radiusKm * (1 - attempt / 8)));
    const regionCode = input.locate(at[0], at[1]);
    if (regionCode) return { at, regionCode };
  }
  return null;
}
