import {
  type EnterpriseKind,
  type IncidentType,
  incidentClassOfType,
  incidentTypes,
  kindRateDefaults,
  type PublicReportCategory,
  publicReportCategories,
  type SensorKind,
  sensorKindChannels,
  sensorKindDefaults,
  sensorKinds,
  type TeamType,
} from '@onemap/domain';
import {
  createRng,
  type LonLat,
  PolygonIndex,
  pick,
  type Rng,
  randomInt,
  randomPointNear,
} from '@onemap/geo';
import { buildCommNetwork } from './comm-network.js';
import {
  DEPOT_ITEMS,
  enterpriseName,
  hasHan,
  hospitalName,
  shelterName,
  shortPlaceName,
  teamName,
} from './names.js';
import { toPinyin } from './pinyin.js';
import type {
  DepotRow,
  EnterpriseRow,
  HospitalRow,
  IncidentRow,
  PublicReportRow,
  SeedRows,
  SensorRow,
  ShelterRow,
  TeamRow,
} from './rows.js';
import { generateSensing } from './sensing.js';
import type { PlaceSource, RegionSource } from './source-data.js';

export const SEED = 20_181_113;

/** Counts at scale 1; `--scale` multiplies them (0.1 for tests, up to 10 for load). */
export const BASE_COUNTS = {
  sensors: 50_000,
  enterprises: 10_000,
  teams: 5_000,
  shelters: 2_000,
  hospitals: 3_000,
  depots: 600,
  incidents: 300,
  reports: 150,
  baseStations: 2_000,
} as const;

export interface GenerateOptions {
  scale: number;
  /** Time base for readings and incident times; the content does not depend on it. */
  now: Date;
}

/** An anchor place resolved to Chinese names and its prefecture. */
interface Anchor {
  name: string;
  lon: number;
  lat: number;
  population: number;
  regionCode: string;
  provinceCode: string;
}

/**
 * Generates the demo data deterministically (fixed seed): the same sources and scale give the same
 * rows. Every generated point lies inside a real administrative polygon (so on land) near a real
 * place, weighted by population, and carries that region's (county's, where known) code.
 */
export function generateSeed(
  regions: RegionSource[],
  places: PlaceSource[],
  options: GenerateOptions,
): SeedRows {
  const rng = createRng(SEED);
  const count = (n: number) => Math.max(1, Math.round(n * options.scale));
  // Points take the finest region that contains them (a county where the data has one), so a
  // county-bound user later sees exactly their county's resources.
  const parents = new Set(regions.map((r) => r.parentCode));
  const leaves = regions.filter((r) => r.boundary && !parents.has(r.code));
  const index = new PolygonIndex(leaves.map((r) => ({ geometry: r.boundary as never, properties: r })));
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const anchors = resolveAnchors(places, regions, regionByCode);
  const byPopulation = sampler(anchors, (a) => Math.sqrt(a.population));

  /** A point near a population-weighted anchor, inside a prefecture polygon. */
  const placePoint = (radiusKm: number, from: () => Anchor = byPopulation(rng)) => {
    const anchor = from();
    for (let attempt = 0; attempt < 12; attempt++) {
      const at = randomPointNear(rng, [anchor.lon, anchor.lat], radiusKm * (1 - attempt / 12));
      const region = index.find(at[0], at[1]);
      if (region) return { at: round(at), regionCode: region.code, anchor };
    }
    return { at: round([anchor.lon, anchor.lat]), regionCode: anchor.regionCode, anchor };
  };

  const enterprises = generateEnterprises(rng, count(BASE_COUNTS.enterprises), placePoint);
  const sensors = generateSensors(rng, count(BASE_COUNTS.sensors), enterprises, placePoint, options.now);
  const teams = generateTeams(rng, count(BASE_COUNTS.teams), placePoint, anchors);
  const depots = generateDepots(rng, count(BASE_COUNTS.depots), placePoint, anchors, regionByCode);
  const shelters: ShelterRow[] = [];
  for (let i = 0; i < count(BASE_COUNTS.shelters); i++) {
    const p = placePoint(8);
    const capacity = randomInt(rng, 5, 200) * 100;
    shelters.push({
      code: `SH${String(i + 1).padStart(6, '0')}`,
      name: shelterName(rng, p.anchor.name),
      capacity,
      areaM2: capacity * randomInt(rng, 2, 4),
      status: pick(rng, ['standby', 'standby', 'standby', 'open', 'closed']),
      regionCode: p.regionCode,
      at: p.at,
    });
  }
  const hospitals: HospitalRow[] = [];
  const hospitalSeq = new Map<string, number>();
  for (let i = 0; i < count(BASE_COUNTS.hospitals); i++) {
    const p = placePoint(10);
    const grade = pick(rng, ['grade3', 'grade2', 'grade2', 'grade1', 'grade1', 'grade1']);
    const key = `${p.anchor.name}/${grade}`;
    const n = (hospitalSeq.get(key) ?? 0) + 1;
    hospitalSeq.set(key, n);
    hospitals.push({
      code: `HO${String(i + 1).padStart(6, '0')}`,
      name: hospitalName(p.anchor.name, grade, n),
      grade,
      beds:
        grade === 'grade3'
          ? randomInt(rng, 800, 3000)
          : grade === 'grade2'
            ? randomInt(rng, 150, 800)
            : randomInt(rng, 20, 150),
      regionCode: p.regionCode,
      at: p.at,
    });
  }
  const incidents = generateIncidents(rng, count(BASE_COUNTS.incidents), placePoint, options.now);
  const reports = generateReports(rng, count(BASE_COUNTS.reports), incidents, placePoint, options.now);
  const { nodes: commNodes, links: commLinks } = buildCommNetwork(rng, {
    regions,
    anchors,
    baseStations: count(BASE_COUNTS.baseStations),
    placePoint,
  });
  const sensing = generateSensing({
    anchors,
    locate: (lon, lat) => index.find(lon, lat)?.code ?? null,
    sensors,
    incidents,
    teams,
    count,
    now: options.now,
  });

  return {
    regions: regions.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      pinyin: toPinyin(r.name),
      level: r.level,
      parentCode: r.parentCode,
      population: r.population,
      center: r.center,
      boundary: r.boundary ? JSON.stringify(r.boundary) : null,
    })),
    enterprises,
    sensors,
    teams,
    depots,
    shelters,
    hospitals,
    incidents,
    commNodes,
    commLinks,
    reports,
    ...sensing,
  };
}

export type PlacePoint = (
  radiusKm: number,
  from?: () => Anchor,
) => { at: LonLat; regionCode: string; anchor: Anchor };
export type { Anchor };

function resolveAnchors(
  places: PlaceSource[],
  regions: RegionSource[],
  byCode: Map<string, RegionSource>,
): Anchor[] {
  const anchors: Anchor[] = [];
  for (const p of places) {
    const region = byCode.get(p.regionCode);
    if (!region) continue;
    anchors.push({
      name: hasHan(p.name) ? p.name : region.name,
      lon: p.lon,
      lat: p.lat,
      population: Math.max(p.population, 1),
      regionCode: p.regionCode,
      provinceCode: p.provinceCode,
    });
  }
  // Every prefecture gets at least its seat, so remote regions are covered too.
  const covered = new Set(anchors.map((a) => a.regionCode));
  for (const r of regions) {
    if (r.level !== 'city' || covered.has(r.code)) continue;
    anchors.push({
      name: r.name,
      lon: r.center[0],
      lat: r.center[1],
      population: r.population ?? 100_000,
      regionCode: r.code,
      provinceCode: r.parentCode ?? `${r.code.slice(0, 2)}0000`,
    });
  }
  return anchors;
}

/** O(log n) weighted sampling: sampler(items, w)(rng)() picks one item. */
export function sampler<T>(items: readonly T[], weight: (item: T) => number): (rng: Rng) => () => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((item, i) => {
    total += Math.max(0, weight(item));
    cumulative[i] = total;
  });
  return (rng) => () => {
    const r = rng() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

function round([lon, lat]: LonLat): LonLat {
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

function phone(rng: Rng): string {
  return `1${pick(rng, ['3', '5', '8', '9'])}${String(randomInt(rng, 0, 999_999_999)).padStart(9, '0')}`;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌辉鹏宇浩凯';

function personName(rng: Rng): string {
  const given = rng() < 0.5 ? pick(rng, [...GIVEN]) : pick(rng, [...GIVEN]) + pick(rng, [...GIVEN]);
  return pick(rng, [...SURNAMES]) + given;
}

const ENTERPRISE_MIX: Array<[EnterpriseKind, number]> = [
  ['hazardous_chemicals', 0.35],
  ['mine', 0.15],
  ['fireworks', 0.08],
  ['metallurgy', 0.12],
  ['fire_safety_key_unit', 0.3],
];

function generateEnterprises(rng: Rng, n: number, placePoint: PlacePoint): EnterpriseRow[] {
  const kinds = sampler(ENTERPRISE_MIX, ([, w]) => w)(rng);
  const rows: EnterpriseRow[] = [];
  for (let i = 0; i < n; i++) {
    const [kind] = kinds();
    // Mines and chemical parks sit outside towns; key fire-safety units in them.
    const p = placePoint(kind === 'fire_safety_key_unit' ? 6 : kind === 'mine' ? 40 : 20);
    const r = rng();
    rows.push({
      code: `EN${String(i + 1).padStart(6, '0')}`,
      name: enterpriseName(rng, p.anchor.name, kind),
      kind,
      riskLevel: r < 0.05 ? 'red' : r < 0.2 ? 'orange' : r < 0.55 ? 'yellow' : 'blue',
      regionCode: p.regionCode,
      address: `${p.anchor.name}${pick(rng, ['工业园区', '经济开发区', '高新区', '化工园区', '城区'])}${randomInt(rng, 1, 399)}号`,
      employees: randomInt(rng, 20, kind === 'metallurgy' ? 8000 : 1500),
      contactName: personName(rng),
      contactPhone: phone(rng),
      at: p.at,
    });
  }
  return rows;
}

const ENTERPRISE_SENSORS: Record<EnterpriseKind, SensorKind[]> = {
  hazardous_chemicals: ['gas_combustible', 'gas_h2s', 'tank_level', 'tank_pressure', 'temperature', 'camera'],
  mine: ['gas_ch4', 'gas_co', 'displacement', 'camera'],
  fireworks: ['smoke', 'temperature', 'humidity', 'camera'],
  metallurgy: ['gas_co', 'temperature', 'camera'],
  fire_safety_key_unit: ['smoke', 'camera'],
};

const PUBLIC_SENSOR_MIX: Array<[SensorKind, number]> = [
  ['water_level', 0.2],
  ['rainfall', 0.2],
  ['displacement', 0.1],
  ['seismic', 0.05],
  ['temperature', 0.05],
  ['humidity', 0.04],
  ['wind_speed', 0.06],
  ['camera', 0.18],
  ['fire_hotspot', 0.01],
  ['uav_patrol', 0.01],
  ['crowd_observer', 0.1],
];

function generateSensors(
  rng: Rng,
  n: number,
  enterprises: EnterpriseRow[],
  placePoint: PlacePoint,
  now: Date,
): SensorRow[] {
  const publicKinds = sampler(PUBLIC_SENSOR_MIX, ([, w]) => w)(rng);
  const rows: SensorRow[] = [];
  const seqByName = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    // About 40 % of sensors watch enterprises (gas, tanks, smoke), the rest public hazards.
    const atEnterprise = enterprises.length > 0 && rng() < 0.4;
    let kind: SensorKind;
    let at: LonLat;
    let regionCode: string;
    let enterpriseId: number | null = null;
    let base: string;
    if (atEnterprise) {
      const e = randomInt(rng, 0, enterprises.length - 1);
      const ent = enterprises[e] as EnterpriseRow;
      kind = pick(rng, ENTERPRISE_SENSORS[ent.kind as EnterpriseKind]);
      at = round(randomPointNear(rng, ent.at, 0.3));
      regionCode = ent.regionCode;
      enterpriseId = e + 1;
      base = ent.name;
    } else {
      [kind] = publicKinds();
      const p = placePoint(kind === 'water_level' || kind === 'displacement' ? 35 : 15);
      at = p.at;
      regionCode = p.regionCode;
      base = shortPlaceName(p.anchor.name);
    }
    const d = sensorKindDefaults[kind];
    const label = sensorKinds.labels[kind].zh;
    const key = `${base}${label}`;
    const seq = (seqByName.get(key) ?? 0) + 1;
    seqByName.set(key, seq);
    const r = rng();
    const state =
      r < 0.006 ? 'alarm' : r < 0.025 ? 'warning' : r < 0.055 ? 'offline' : r < 0.06 ? 'fault' : 'normal';
    const lastValue = sampleValue(rng, d, state);
    const intervalMs = d.intervalS * 1000;
    const lag = state === 'offline' ? randomInt(rng, 6, 72) * 3600_000 : rng() * intervalMs;
    rows.push({
      code: `${kind === 'camera' ? 'CAM' : 'SN'}${String(i + 1).padStart(7, '0')}`,
      name: `${key}${kind === 'camera' ? '监控点' : '监测点'}${String(seq).padStart(3, '0')}`,
      channel: sensorKindChannels[kind],
      kind,
      state,
      unit: d.unit,
      regionCode,
      enterpriseId,
      warn: d.warn,
      alarm: d.alarm,
      ratePerMin: kindRateDefaults[kind],
      intervalS: d.intervalS,
      lastValue,
      lastReadingAt: new Date(now.getTime() - Math.round(lag)),
      at,
    });
  }
  return rows;
}

function sampleValue(rng: Rng, d: (typeof sensorKindDefaults)[SensorKind], state: string): number | null {
  if (d.unit === '') return null;
  const [lo, hi] = d.normal;
  let v = lo + rng() * (hi - lo);
  if (state === 'warning' && d.warn !== null && d.alarm !== null) v = d.warn + rng() * (d.alarm - d.warn);
  if (state === 'alarm' && d.alarm !== null) v = d.alarm * (1 + rng() * 0.3);
  return Math.round(v * 1000) / 1000;
}

const TEAM_MIX: Array<[TeamType, number, number, number]> = [
  // type, weight, members min, max
  ['fire_rescue', 0.35, 20, 60],
  ['forest_fire', 0.08, 30, 120],
  ['mine_rescue', 0.06, 15, 50],
  ['hazchem', 0.08, 15, 40],
  ['flood_rescue', 0.1, 30, 200],
  ['earthquake_rescue', 0.05, 40, 200],
  ['medical', 0.13, 10, 40],
  ['helicopter', 0.02, 6, 20],
  ['volunteer', 0.13, 10, 80],
];

const TEAM_CAPABILITIES: Record<TeamType, IncidentType[]> = {
  fire_rescue: [
    'fire',
    'traffic_accident',
    'building_collapse',
    'hazchem_leak',
    'flood',
    'fireworks_accident',
  ],
  forest_fire: ['forest_fire', 'grassland_fire'],
  mine_rescue: ['mine_accident', 'landslide', 'building_collapse'],
  hazchem: ['hazchem_leak', 'hazchem_explosion', 'fireworks_accident'],
  flood_rescue: ['flood', 'typhoon', 'rainstorm', 'landslide'],
  earthquake_rescue: ['earthquake', 'building_collapse', 'landslide'],
  medical: ['infectious_disease', 'food_poisoning', 'earthquake', 'traffic_accident', 'mass_incident'],
  helicopter: ['forest_fire', 'flood', 'earthquake', 'landslide', 'snow_disaster'],
  volunteer: ['flood', 'earthquake', 'typhoon', 'landslide', 'snow_disaster'],
};

function generateTeams(rng: Rng, n: number, placePoint: PlacePoint, anchors: Anchor[]): TeamRow[] {
  const mix = sampler(TEAM_MIX, ([, w]) => w)(rng);
  // Helicopter teams fly from the biggest cities only.
  const big = anchors.filter((a) => a.population >= 1_000_000);
  const fromBig = big.length ? () => pick(rng, big) : undefined;
  const seq = new Map<string, number>();
  const rows: TeamRow[] = [];
  for (let i = 0; i < n; i++) {
    const [type, , minM, maxM] = mix();
    const p =
      type === 'helicopter' && fromBig
        ? placePoint(10, fromBig)
        : placePoint(type === 'forest_fire' ? 50 : 15);
    const key = `${p.anchor.name}/${type}`;
    const k = (seq.get(key) ?? 0) + 1;
    seq.set(key, k);
    const r = rng();
    const status =
      r < 0.86
        ? 'available'
        : r < 0.9
          ? 'en_route'
          : r < 0.94
            ? 'on_scene'
            : r < 0.96
              ? 'returning'
              : 'unavailable';
    const away = status === 'en_route' || status === 'on_scene' || status === 'returning';
    rows.push({
      code: `RT${String(i + 1).padStart(6, '0')}`,
      name: teamName(p.anchor.name, type, k),
      type,
      status,
      members: randomInt(rng, minM, maxM),
      capabilities: TEAM_CAPABILITIES[type],
      regionCode: p.regionCode,
      phone: phone(rng),
      base: p.at,
      at: away ? round(randomPointNear(rng, p.at, 25)) : p.at,
    });
  }
  return rows;
}

/** The central reserve depots (中央救灾物资储备库) are in these cities; the rest are provincial or city tier. */
const CENTRAL_DEPOT_CITIES = [
  '北京',
  '天津',
  '沈阳',
  '哈尔滨',
  '合肥',
  '福州',
  '郑州',
  '武汉',
  '长沙',
  '广州',
  '南宁',
  '成都',
  '重庆',
  '昆明',
  '拉萨',
  '西安',
  '兰州',
  '乌鲁木齐',
  '格尔木',
  '喀什',
];

function generateDepots(
  rng: Rng,
  n: number,
  placePoint: PlacePoint,
  anchors: Anchor[],
  regionByCode: Map<string, RegionSource>,
): DepotRow[] {
  const rows: DepotRow[] = [];
  const central = CENTRAL_DEPOT_CITIES.map((c) =>
    anchors.find((a) => a.name.startsWith(c) || regionByCode.get(a.regionCode)?.name.startsWith(c)),
  ).filter((a): a is Anchor => a !== undefined);
  for (let i = 0; i < n; i++) {
    const centralAnchor = i < central.length ? central[i] : undefined;
    const p = centralAnchor ? placePoint(15, () => centralAnchor) : placePoint(20);
    const tier = centralAnchor ? 'central' : rng() < 0.2 ? 'provincial' : rng() < 0.6 ? 'city' : 'county';
    const tierName = {
      central: '中央应急抢险救灾物资储备库',
      provincial: '省级救灾物资储备库',
      city: '市级应急物资储备库',
      county: '县级应急物资储备点',
    }[tier];
    const factor = tier === 'central' ? 10 : tier === 'provincial' ? 3 : tier === 'city' ? 1 : 0.3;
    rows.push({
      code: `DP${String(i + 1).padStart(5, '0')}`,
      name: `${shortPlaceName(p.anchor.name)}${tierName}${tier === 'county' ? String(i + 1) : ''}`,
      tier,
      regionCode: p.regionCode,
      at: p.at,
      inventory: DEPOT_ITEMS.filter(() => rng() < 0.8).map((it) => ({
        item: it.item,
        unit: it.unit,
        quantity: Math.max(1, Math.round(it.typical * factor * (0.4 + rng() * 1.2))),
      })),
    });
  }
  return rows;
}

const INCIDENT_MIX: Array<[IncidentType, number]> = [
  ['fire', 0.2],
  ['traffic_accident', 0.18],
  ['flood', 0.08],
  ['rainstorm', 0.07],
  ['landslide', 0.07],
  ['forest_fire', 0.06],
  ['hazchem_leak', 0.05],
  ['mine_accident', 0.04],
  ['earthquake', 0.03],
  ['typhoon', 0.02],
  ['building_collapse', 0.04],
  ['grassland_fire', 0.02],
  ['hazchem_explosion', 0.01],
  ['fireworks_accident', 0.01],
  ['snow_disaster', 0.02],
  ['drought', 0.01],
  ['infectious_disease', 0.03],
  ['food_poisoning', 0.03],
  ['mass_incident', 0.02],
  ['terrorist_attack', 0.001],
];

function generateIncidents(rng: Rng, n: number, placePoint: PlacePoint, now: Date): IncidentRow[] {
  const mix = sampler(INCIDENT_MIX, ([, w]) => w)(rng);
  const rows: IncidentRow[] = [];
  for (let i = 0; i < n; i++) {
    const [type] = mix();
    const p = placePoint(30);
    const ageH = rng() < 0.15 ? rng() * 24 : rng() * 24 * 90;
    const occurredAt = new Date(now.getTime() - Math.round(ageH * 3600_000));
    const l = rng();
    const level = l < 0.01 ? 'I' : l < 0.05 ? 'II' : l < 0.2 ? 'III' : 'IV';
    const status =
      ageH < 6
        ? pick(rng, ['reported', 'verified', 'responding'])
        : ageH < 72
          ? pick(rng, ['responding', 'stabilized', 'closed'])
          : 'closed';
    const severity = { I: 30, II: 10, III: 3, IV: 1 }[level];
    const deaths = rng() < 0.3 ? randomInt(rng, 0, 2 * severity) : 0;
    rows.push({
      code: `INC${occurredAt.toISOString().slice(0, 10).replaceAll('-', '')}${String(i + 1).padStart(4, '0')}`,
      title: `${shortPlaceName(p.anchor.name)}${incidentTypes.labels[type].zh}`,
      class: incidentClassOfType[type],
      type,
      level,
      status,
      source: pick(rng, ['phone', 'phone', 'sensor', 'report', 'agency']),
      description: `${p.anchor.name}发生${incidentTypes.labels[type].zh}，现场情况正在核实。`,
      regionCode: p.regionCode,
      deaths,
      injuries: rng() < 0.5 ? randomInt(rng, 0, 5 * severity) : 0,
      missing: rng() < 0.1 ? randomInt(rng, 0, severity) : 0,
      occurredAt,
      closedAt:
        status === 'closed' ? new Date(occurredAt.getTime() + randomInt(rng, 2, 96) * 3600_000) : null,
      at: p.at,
    });
  }
  return rows;
}

const REPORT_TEXT: Record<PublicReportCategory, string> = {
  flood: '路面积水严重，车辆无法通行',
  fire: '看到浓烟，疑似起火',
  landslide: '山体有落石，道路被部分掩埋',
  road_collapse: '道路出现裂缝和塌陷',
  chemical_smell: '附近闻到明显的刺鼻气味',
  injured_people: '路边有人受伤，需要救护',
  other: '老旧房屋墙体开裂，请求核实',
};

function generateReports(
  rng: Rng,
  n: number,
  incidents: IncidentRow[],
  placePoint: PlacePoint,
  now: Date,
): PublicReportRow[] {
  const rows: PublicReportRow[] = [];
  for (let i = 0; i < n; i++) {
    const near = incidents.length && rng() < 0.4 ? pick(rng, incidents) : null;
    const p = near
      ? { at: round(randomPointNear(rng, near.at, 2)), regionCode: near.regionCode }
      : placePoint(10);
    const category = pick(rng, publicReportCategories.codes);
    rows.push({
      reference: `R${String(i + 1).padStart(8, '0')}`,
      category,
      description: REPORT_TEXT[category],
      contact: rng() < 0.6 ? phone(rng) : null,
      status: pick(rng, ['pending', 'pending', 'verified', 'rejected']),
      regionCode: p.regionCode,
      receivedAt: new Date(now.getTime() - randomInt(rng, 1, 72 * 60) * 60_000),
      at: p.at,
    });
  }
  return rows;
}
