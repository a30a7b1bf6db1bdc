import { z } from 'zod';
import {
  commNodeKinds,
  enterpriseKinds,
  hospitalGrades,
  incidentLevels,
  incidentStatuses,
  type Label,
  linkMedia,
  linkStatuses,
  riskLevels,
  sensorKinds,
  sensorStates,
  shelterStatuses,
  teamStatuses,
  teamTypes,
  type Vocabulary,
  vocabulary,
} from './vocabulary.js';

/**
 * The data layers the map can draw. The server encodes each point with two small codes, `category`
 * and `state`, whose meaning the layer's vocabularies give; the web styles by them. The tile zoom
 * says how finely a layer is cut for loading: big layers load only the tiles in view, small ones
 * arrive as one tile (zoom 0).
 */
export interface PointLayerSpec {
  readonly id: PointLayerId;
  readonly label: Label;
  readonly group: LayerGroup;
  readonly category: Vocabulary<string>;
  readonly state: Vocabulary<string>;
  readonly tileZoom: number;
}

const single = vocabulary({ default: { zh: '默认', en: 'Default' } });

export const layerGroups = vocabulary({
  monitoring: { zh: '监测感知', en: 'Sensing' },
  resources: { zh: '救援资源', en: 'Rescue resources' },
  incidents: { zh: '突发事件', en: 'Incidents' },
  supervision: { zh: '监管对象', en: 'Supervised enterprises' },
  comms: { zh: '应急通信', en: 'Communications' },
});
export type LayerGroup = (typeof layerGroups.codes)[number];

export const pointLayerIds = [
  'sensors',
  'teams',
  'depots',
  'shelters',
  'hospitals',
  'incidents',
  'enterprises',
  'commNodes',
] as const;
export type PointLayerId = (typeof pointLayerIds)[number];
export const pointLayerIdSchema = z.enum(pointLayerIds);

export const lineLayerIds = ['commLinks'] as const;
export type LineLayerId = (typeof lineLayerIds)[number];

export const pointLayers: Readonly<Record<PointLayerId, PointLayerSpec>> = {
  sensors: {
    id: 'sensors',
    label: { zh: '感知设备', en: 'Sensors' },
    group: 'monitoring',
    category: sensorKinds,
    state: sensorStates,
    tileZoom: 5,
  },
  teams: {
    id: 'teams',
    label: { zh: '救援队伍', en: 'Rescue teams' },
    group: 'resources',
    category: teamTypes,
    state: teamStatuses,
    tileZoom: 3,
  },
  depots: {
    id: 'depots',
    label: { zh: '物资储备库', en: 'Supply depots' },
    group: 'resources',
    category: single,
    state: single,
    tileZoom: 0,
  },
  shelters: {
    id: 'shelters',
    label: { zh: '避难场所', en: 'Shelters' },
    group: 'resources',
    category: single,
    state: shelterStatuses,
    tileZoom: 0,
  },
  hospitals: {
    id: 'hospitals',
    label: { zh: '医疗机构', en: 'Hospitals' },
    group: 'resources',
    category: hospitalGrades,
    state: single,
    tileZoom: 0,
  },
  incidents: {
    id: 'incidents',
    label: { zh: '突发事件', en: 'Incidents' },
    group: 'incidents',
    category: incidentLevels,
    state: incidentStatuses,
    tileZoom: 0,
  },
  enterprises: {
    id: 'enterprises',
    label: { zh: '重点企业', en: 'Enterprises' },
    group: 'supervision',
    category: enterpriseKinds,
    state: riskLevels,
    tileZoom: 4,
  },
  commNodes: {
    id: 'commNodes',
    label: { zh: '通信节点', en: 'Communication nodes' },
    group: 'comms',
    category: commNodeKinds,
    state: linkStatuses,
    tileZoom: 0,
  },
};

export const lineLayers = {
  commLinks: {
    id: 'commLinks',
    label: { zh: '通信链路', en: 'Communication links' },
    group: 'comms',
    category: linkMedia,
    state: linkStatuses,
  },
} as const;

/** The tile address of a point layer request. */
export const tileRequestSchema = z.object({
  layer: pointLayerIdSchema,
  z: z.coerce.number().int().min(0).max(12),
  x: z.coerce.number().int().min(0),
  y: z.coerce.number().int().min(0),
});
export type TileRequest = z.infer<typeof tileRequestSchema>;
