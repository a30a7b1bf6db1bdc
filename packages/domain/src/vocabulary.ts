import { z } from 'zod';

/**
 * The controlled vocabularies of the national framework. Each vocabulary is declared once, as an
 * ordered record of code → bilingual label; the zod enum, the TypeScript union and the wire index
 * (the position used in binary tiles) are all derived from that one declaration, so adding a value
 * is a one-line change. Append new codes at the end: the position is part of the wire format.
 */
export interface Label {
  zh: string;
  en: string;
}

export interface Vocabulary<C extends string> {
  readonly codes: readonly [C, ...C[]];
  readonly labels: Readonly<Record<C, Label>>;
  readonly schema: z.ZodEnum<{ [K in C]: K }>;
  /** Position of a code on the wire (binary tiles). */
  indexOf(code: C): number;
  /** The code at a wire position, or undefined for an unknown position. */
  at(index: number): C | undefined;
  /** The label of any string that may be a code: stored text is not typed, this checks it. */
  labelOf(code: string): Label | undefined;
}

export function vocabulary<const C extends string>(labels: Record<C, Label>): Vocabulary<C> {
  const codes = Object.keys(labels) as C[];
  if (codes.length === 0) throw new Error('a vocabulary needs at least one code');
  const index = new Map(codes.map((c, i) => [c, i]));
  return {
    codes: codes as [C, ...C[]],
    labels,
    schema: z.enum(codes as [C, ...C[]]) as unknown as z.ZodEnum<{ [K in C]: K }>,
    indexOf: (code) => index.get(code) ?? -1,
    at: (i) => codes[i],
    labelOf: (code) => (index.has(code as C) ? labels[code as C] : undefined),
  };
}

export type CodeOf<V> = V extends Vocabulary<infer C> ? C : never;

export const regionLevels = vocabulary({
  province: { zh: '省级', en: 'Province' },
  city: { zh: '地市级', en: 'City' },
  county: { zh: '县级', en: 'County' },
});
export type RegionLevel = CodeOf<typeof regionLevels>;

/** 感知网络的五类渠道: 物联、卫星、航空、视频、全民. */
export const sensorChannels = vocabulary({
  iot: { zh: '物联感知', en: 'IoT' },
  satellite: { zh: '卫星遥感', en: 'Satellite' },
  aerial: { zh: '航空遥感', en: 'Aerial' },
  video: { zh: '视频感知', en: 'Video' },
  crowd: { zh: '全民感知', en: 'Crowd' },
});
export type SensorChannel = CodeOf<typeof sensorChannels>;

export const sensorKinds = vocabulary({
  water_level: { zh: '水位', en: 'Water level' },
  rainfall: { zh: '雨量', en: 'Rainfall' },
  gas_ch4: { zh: '甲烷浓度', en: 'Methane (CH₄)' },
  gas_co: { zh: '一氧化碳浓度', en: 'Carbon monoxide (CO)' },
  gas_h2s: { zh: '硫化氢浓度', en: 'Hydrogen sulfide (H₂S)' },
  gas_combustible: { zh: '可燃气体浓度', en: 'Combustible gas' },
  temperature: { zh: '温度', en: 'Temperature' },
  humidity: { zh: '湿度', en: 'Humidity' },
  wind_speed: { zh: '风速', en: 'Wind speed' },
  displacement: { zh: '地表位移', en: 'Ground displacement' },
  seismic: { zh: '地震动', en: 'Seismic' },
  smoke: { zh: '烟感', en: 'Smoke' },
  tank_level: { zh: '储罐液位', en: 'Tank level' },
  tank_pressure: { zh: '储罐压力', en: 'Tank pressure' },
  camera: { zh: '视频监控', en: 'Camera' },
  fire_hotspot: { zh: '卫星火点', en: 'Satellite fire hotspot' },
  uav_patrol: { zh: '无人机巡查', en: 'Drone patrol' },
  crowd_observer: { zh: '群测群防点', en: 'Community observer' },
});
export type SensorKind = CodeOf<typeof sensorKinds>;

/**
 * Per-kind defaults: unit, expected sampling interval, the normal operating range, and default
 * warning / alarm thresholds (reached upwards). Sources: GB 3836 / AQ 1029 for coal-mine methane
 * (1.0 % alarm), GBZ 2.1 occupational limits for CO and H₂S, GB 50493 for combustible gas
 * (25 % / 50 % LEL), the CMA scales for rainfall intensity and wind. Per-sensor overrides live on
 * the sensor row; alarm rules (issue 4) read both.
 */
export interface SensorKindDefaults {
  unit: string;
  intervalS: number;
  normal: [number, number];
  warn: number | null;
  alarm: number | null;
  /** What the instrument can physically report; a reading outside is a fault, not an alarm. */
  physical: [number, number];
}

export const sensorKindDefaults: Record<SensorKind, SensorKindDefaults> = {
  water_level: { unit: 'm', intervalS: 300, normal: [1, 4], warn: 4.5, alarm: 5.5, physical: [-50, 300] },
  rainfall: { unit: 'mm/h', intervalS: 300, normal: [0, 8], warn: 30, alarm: 50, physical: [0, 500] },
  gas_ch4: { unit: '%', intervalS: 30, normal: [0.05, 0.4], warn: 0.75, alarm: 1.0, physical: [0, 100] },
  gas_co: { unit: 'ppm', intervalS: 30, normal: [0, 12], warn: 24, alarm: 50, physical: [0, 10000] },
  gas_h2s: { unit: 'ppm', intervalS: 30, normal: [0, 3], warn: 6.6, alarm: 10, physical: [0, 2000] },
  gas_combustible: { unit: '%LEL', intervalS: 30, normal: [0, 8], warn: 25, alarm: 50, physical: [0, 100] },
  temperature: { unit: '°C', intervalS: 300, normal: [5, 30], warn: 35, alarm: 40, physical: [-90, 2000] },
  humidity: { unit: '%RH', intervalS: 300, normal: [30, 90], warn: null, alarm: null, physical: [0, 100] },
  wind_speed: { unit: 'm/s', intervalS: 300, normal: [0, 10], warn: 17.2, alarm: 24.5, physical: [0, 120] },
  displacement: {
    unit: 'mm',
    intervalS: 600,
    normal: [0, 10],
    warn: 20,
    alarm: 50,
    physical: [-10000, 10000],
  },
  seismic: { unit: 'gal', intervalS: 60, normal: [0, 2], warn: 10, alarm: 50, physical: [0, 5000] },
  smoke: { unit: 'dB/m', intervalS: 60, normal: [0, 0.05], warn: 0.1, alarm: 0.2, physical: [0, 10] },
  tank_level: { unit: 'm', intervalS: 60, normal: [2, 7.5], warn: 8, alarm: 9, physical: [0, 100] },
  tank_pressure: {
    unit: 'MPa',
    intervalS: 60,
    normal: [0.2, 1.4],
    warn: 1.6,
    alarm: 2.0,
    physical: [0, 100],
  },
  camera: { unit: '', intervalS: 60, normal: [1, 1], warn: null, alarm: null, physical: [0, 1] },
  fire_hotspot: {
    unit: 'K',
    intervalS: 600,
    normal: [280, 310],
    warn: 320,
    alarm: 340,
    physical: [150, 1500],
  },
  uav_patrol: { unit: '', intervalS: 60, normal: [1, 1], warn: null, alarm: null, physical: [0, 1] },
  crowd_observer: { unit: '', intervalS: 3600, normal: [0, 0], warn: null, alarm: null, physical: [0, 100] },
};

export const sensorStates = vocabulary({
  normal: { zh: '正常', en: 'Normal' },
  warning: { zh: '预警', en: 'Warning' },
  alarm: { zh: '报警', en: 'Alarm' },
  offline: { zh: '离线', en: 'Offline' },
  fault: { zh: '故障', en: 'Fault' },
});
export type SensorState = CodeOf<typeof sensorStates>;

/** 突发事件四大类 (《国家突发公共事件总体应急预案》). */
export const incidentClasses = vocabulary({
  natural_disaster: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '事故灾难', en: 'Accident' },
  public_health: { zh: '公共卫生事件', en: 'Public health' },
  social_security: { zh: '社会安全事件', en: 'Social security' },
});
export type IncidentClass = CodeOf<typeof incidentClasses>;

export const incidentTypes = vocabulary({
  earthquake: { zh: '地震', en: 'Earthquake' },
  flood: { zh: '洪涝', en: 'Flood' },
  drought: { zh: '干旱', en: 'Drought' },
  typhoon: { zh: '台风', en: 'Typhoon' },
  rainstorm: { zh: '暴雨', en: 'Rainstorm' },
  landslide: { zh: '滑坡泥石流', en: 'Landslide / debris flow' },
  forest_fire: { zh: '森林火灾', en: 'Forest fire' },
  grassland_fire: { zh: '草原火灾', en: 'Grassland fire' },
  snow_disaster: { zh: '低温雨雪冰冻', en: 'Snow and ice' },
  mine_accident: { zh: '矿山事故', en: 'Mine accident' },
  hazchem_leak: { zh: '危险化学品泄漏', en: 'Hazardous-chemical leak' },
  hazchem_explosion: { zh: '危险化学品爆炸', en: 'Hazardous-chemical explosion' },
  fire: { zh: '火灾', en: 'Fire' },
  traffic_accident: { zh: '交通事故', en: 'Traffic accident' },
  building_collapse: { zh: '建筑坍塌', en: 'Building collapse' },
  fireworks_accident: { zh: '烟花爆竹事故', en: 'Fireworks accident' },
  infectious_disease: { zh: '传染病疫情', en: 'Infectious disease' },
  food_poisoning: { zh: '食物中毒', en: 'Food poisoning' },
  mass_incident: { zh: '群体性事件', en: 'Mass incident' },
  terrorist_attack: { zh: '恐怖袭击', en: 'Terrorist attack' },
});
export type IncidentType = CodeOf<typeof incidentTypes>;

export const incidentClassOfType: Record<IncidentType, IncidentClass> = {
  earthquake: 'natural_disaster',
  flood: 'natural_disaster',
  drought: 'natural_disaster',
  typhoon: 'natural_disaster',
  rainstorm: 'natural_disaster',
  landslide: 'natural_disaster',
  forest_fire: 'natural_disaster',
  grassland_fire: 'natural_disaster',
  snow_disaster: 'natural_disaster',
  mine_accident: 'accident',
  hazchem_leak: 'accident',
  hazchem_explosion: 'accident',
  fire: 'accident',
  traffic_accident: 'accident',
  building_collapse: 'accident',
  fireworks_accident: 'accident',
  infectious_disease: 'public_health',
  food_poisoning: 'public_health',
  mass_incident: 'social_security',
  terrorist_attack: 'social_security',
};

/** 事件分级: Ⅰ级特别重大, Ⅱ级重大, Ⅲ级较大, Ⅳ级一般. */
export const incidentLevels = vocabulary({
  I: { zh: 'Ⅰ级 特别重大', en: 'Level I — extremely serious' },
  II: { zh: 'Ⅱ级 重大', en: 'Level II — serious' },
  III: { zh: 'Ⅲ级 较大', en: 'Level III — relatively serious' },
  IV: { zh: 'Ⅳ级 一般', en: 'Level IV — general' },
});
export type IncidentLevel = CodeOf<typeof incidentLevels>;

export const incidentStatuses = vocabulary({
  reported: { zh: '已接报', en: 'Reported' },
  verified: { zh: '已核实', en: 'Verified' },
  responding: { zh: '处置中', en: 'Responding' },
  stabilized: { zh: '已控制', en: 'Stabilized' },
  closed: { zh: '已结案', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
});
export type IncidentStatus = CodeOf<typeof incidentStatuses>;

export const teamTypes = vocabulary({
  fire_rescue: { zh: '综合性消防救援队', en: 'Fire and rescue' },
  forest_fire: { zh: '森林消防队', en: 'Forest firefighting' },
  mine_rescue: { zh: '矿山救护队', en: 'Mine rescue' },
  hazchem: { zh: '危化品救援队', en: 'Hazardous-chemical rescue' },
  flood_rescue: { zh: '抗洪抢险队', en: 'Flood rescue' },
  earthquake_rescue: { zh: '地震救援队', en: 'Earthquake search and rescue' },
  medical: { zh: '医疗救护队', en: 'Medical' },
  helicopter: { zh: '航空救援队', en: 'Helicopter rescue' },
  volunteer: { zh: '社会救援力量', en: 'Volunteer rescue' },
});
export type TeamType = CodeOf<typeof teamTypes>;

export const teamStatuses = vocabulary({
  available: { zh: '待命', en: 'Available' },
  dispatched: { zh: '已调派', en: 'Dispatched' },
  en_route: { zh: '途中', en: 'En route' },
  on_scene: { zh: '到场', en: 'On scene' },
  returning: { zh: '返回', en: 'Returning' },
  unavailable: { zh: '不可用', en: 'Unavailable' },
});
export type TeamStatus = CodeOf<typeof teamStatuses>;

export const enterpriseKinds = vocabulary({
  hazardous_chemicals: { zh: '危险化学品', en: 'Hazardous chemicals' },
  mine: { zh: '矿山', en: 'Mine' },
  fireworks: { zh: '烟花爆竹', en: 'Fireworks' },
  metallurgy: { zh: '冶金', en: 'Metallurgy' },
  fire_safety_key_unit: { zh: '消防安全重点单位', en: 'Fire-safety key unit' },
});
export type EnterpriseKind = CodeOf<typeof enterpriseKinds>;

/** 安全风险四色分级: 红 重大, 橙 较大, 黄 一般, 蓝 低. */
export const riskLevels = vocabulary({
  red: { zh: '重大风险', en: 'Major risk' },
  orange: { zh: '较大风险', en: 'High risk' },
  yellow: { zh: '一般风险', en: 'Moderate risk' },
  blue: { zh: '低风险', en: 'Low risk' },
});
export type RiskLevel = CodeOf<typeof riskLevels>;

export const commNodeKinds = vocabulary({
  core: { zh: '核心节点', en: 'Core node' },
  provincial: { zh: '省级节点', en: 'Provincial node' },
  city: { zh: '市级节点', en: 'City node' },
  county: { zh: '县级节点', en: 'County node' },
  data_center: { zh: '数据中心', en: 'Data centre' },
  vsat_station: { zh: 'VSAT卫星站', en: 'VSAT station' },
  tiantong_terminal: { zh: '天通终端', en: 'Tiantong terminal' },
  pdt_base_station: { zh: 'PDT基站', en: 'PDT base station' },
  lte_base_station: { zh: 'LTE基站', en: 'LTE base station' },
  mesh_kit: { zh: 'Mesh自组网', en: 'Mesh kit' },
});
export type CommNodeKind = CodeOf<typeof commNodeKinds>;

export const linkMedia = vocabulary({
  fibre: { zh: '光纤', en: 'Fibre' },
  satellite: { zh: '卫星', en: 'Satellite' },
  microwave: { zh: '微波', en: 'Microwave' },
});
export type LinkMedium = CodeOf<typeof linkMedia>;

export const linkStatuses = vocabulary({
  up: { zh: '正常', en: 'Up' },
  degraded: { zh: '降级', en: 'Degraded' },
  down: { zh: '中断', en: 'Down' },
});
export type LinkStatus = CodeOf<typeof linkStatuses>;

export const shelterStatuses = vocabulary({
  open: { zh: '开放', en: 'Open' },
  standby: { zh: '备用', en: 'Standby' },
  full: { zh: '已满', en: 'Full' },
  closed: { zh: '关闭', en: 'Closed' },
});
export type ShelterStatus = CodeOf<typeof shelterStatuses>;

export const hospitalGrades = vocabulary({
  grade3: { zh: '三级医院', en: 'Tertiary hospital' },
  grade2: { zh: '二级医院', en: 'Secondary hospital' },
  grade1: { zh: '一级医院', en: 'Primary hospital' },
});
export type HospitalGrade = CodeOf<typeof hospitalGrades>;

export const reportStatuses = vocabulary({
  pending: { zh: '待核实', en: 'Pending' },
  verified: { zh: '已核实', en: 'Verified' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  merged: { zh: '已并入事件', en: 'Merged' },
});
export type ReportStatus = CodeOf<typeof reportStatuses>;

export const userRoles = vocabulary({
  admin: { zh: '系统管理员', en: 'Administrator' },
  commander: { zh: '指挥员', en: 'Commander' },
  duty_officer: { zh: '值班员', en: 'Duty officer' },
  analyst: { zh: '分析员', en: 'Analyst' },
  field_responder: { zh: '现场人员', en: 'Field responder' },
  sensor_gateway: { zh: '感知网关', en: 'Sensor gateway' },
});
export type UserRole = CodeOf<typeof userRoles>;

export const classifications = vocabulary({
  public: { zh: '公开', en: 'Public' },
  internal: { zh: '内部', en: 'Internal' },
  sensitive: { zh: '敏感', en: 'Sensitive' },
});
export type Classification = CodeOf<typeof classifications>;
