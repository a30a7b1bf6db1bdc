import { haversineKm, type LonLat, pick, type Rng, randomInt } from '@onemap/geo';
import type { Anchor, PlacePoint } from './generate.js';
import type { CommLinkRow, CommNodeRow } from './rows.js';
import type { RegionSource } from './source-data.js';

/**
 * The emergency communications network of the framework (应急通信网络): a core ring
 * Beijing–Shanghai–Guiyang–Lanzhou, 32 provincial nodes each dual-linked to the core, the four data
 * centres (Beijing, Guiyang, Shanghai, Zhongwei), a node in every prefecture, satellite stations,
 * Tiantong terminals, PDT and LTE base stations and mesh kits with their radio coverage.
 */
const CORE: Array<[string, string, LonLat]> = [
  ['北京', '110000', [116.4074, 39.9042]],
  ['上海', '310000', [121.4737, 31.2304]],
  ['贵阳', '520000', [106.6302, 26.6477]],
  ['兰州', '620000', [103.8343, 36.0611]],
];

const DATA_CENTRES: Array<[string, string, LonLat]> = [
  ['北京', '110000', [116.2317, 40.2206]],
  ['贵阳', '520000', [106.4573, 26.3781]],
  ['上海', '310000', [121.3281, 31.1886]],
  ['中卫', '640000', [105.1896, 37.5149]],
];

/** Provincial capitals (GB/T 2260 province code → seat); 660000 is the Xinjiang Production and Construction Corps. */
const PROVINCIAL_SEATS: Array<[string, string, LonLat]> = [
  ['110000', '北京', [116.4074, 39.9042]],
  ['120000', '天津', [117.2008, 39.0842]],
  ['130000', '石家庄', [114.5149, 38.0428]],
  ['140000', '太原', [112.5489, 37.8706]],
  ['150000', '呼和浩特', [111.7492, 40.8426]],
  ['210000', '沈阳', [123.4315, 41.8057]],
  ['220000', '长春', [125.3235, 43.8171]],
  ['230000', '哈尔滨', [126.535, 45.8038]],
  ['310000', '上海', [121.4737, 31.2304]],
  ['320000', '南京', [118.7969, 32.0603]],
  ['330000', '杭州', [120.1551, 30.2741]],
  ['340000', '合肥', [117.2272, 31.8206]],
  ['350000', '福州', [119.2965, 26.0745]],
  ['360000', '南昌', [115.8582, 28.6829]],
  ['370000', '济南', [117.1205, 36.651]],
  ['410000', '郑州', [113.6254, 34.7466]],
  ['420000', '武汉', [114.3055, 30.5928]],
  ['430000', '长沙', [112.9388, 28.2282]],
  ['440000', '广州', [113.2644, 23.1291]],
  ['450000', '南宁', [108.3669, 22.817]],
  ['460000', '海口', [110.1999, 20.044]],
  ['500000', '重庆', [106.5516, 29.563]],
  ['510000', '成都', [104.0665, 30.5723]],
  ['520000', '贵阳', [106.6302, 26.6477]],
  ['530000', '昆明', [102.8329, 24.8801]],
  ['540000', '拉萨', [91.1409, 29.6456]],
  ['610000', '西安', [108.9398, 34.3416]],
  ['620000', '兰州', [103.8343, 36.0611]],
  ['630000', '西宁', [101.7782, 36.6171]],
  ['640000', '银川', [106.2309, 38.4872]],
  ['650000', '乌鲁木齐', [87.6168, 43.8256]],
  ['660000', '新疆生产建设兵团', [87.5821, 43.7932]],
];

export interface CommNetworkInput {
  regions: RegionSource[];
  anchors: Anchor[];
  baseStations: number;
  placePoint: PlacePoint;
}

export function buildCommNetwork(
  rng: Rng,
  input: CommNetworkInput,
): { nodes: CommNodeRow[]; links: CommLinkRow[] } {
  const nodes: CommNodeRow[] = [];
  const links: CommLinkRow[] = [];
  const addNode = (row: CommNodeRow) => nodes.push(row) as number; // 1-based id = new length
  const status = () => {
    const r = rng();
    return r < 0.015 ? 'down' : r < 0.05 ? 'degraded' : 'up';
  };
  const link = (from: number, to: number, medium: string, bandwidthMbps: number, linkStatus = status()) => {
    const a = nodes[from - 1] as CommNodeRow;
    const b = nodes[to - 1] as CommNodeRow;
    links.push({
      code: `LK${String(links.length + 1).padStart(5, '0')}`,
      name: `${a.name} — ${b.name}`,
      medium,
      status: linkStatus,
      bandwidthMbps,
      from,
      to,
    });
  };

  const core = CORE.map(([name, regionCode, at]) =>
    addNode({
      code: `CN-CORE-${regionCode.slice(0, 2)}`,
      name: `应急指挥网核心节点（${name}）`,
      kind: 'core',
      status: 'up',
      regionCode,
      at,
      coverage: null,
    }),
  );
  core.forEach((id, i) => {
    link(id, core[(i + 1) % core.length] as number, 'fibre', 100_000, 'up');
  });

  DATA_CENTRES.forEach(([name, regionCode, at]) => {
    const id = addNode({
      code: `CN-DC-${regionCode.slice(0, 2)}`,
      name: `应急管理数据中心（${name}）`,
      kind: 'data_center',
      status: 'up',
      regionCode,
      at,
      coverage: null,
    });
    link(id, nearest(nodes, core, at)[0] as number, 'fibre', 40_000, 'up');
  });

  const provincialByCode = new Map<string, number>();
  for (const [code, name, at] of PROVINCIAL_SEATS) {
    const id = addNode({
      code: `CN-PROV-${code.slice(0, 2)}`,
      name: `${name}省级应急通信节点`.replace('新疆生产建设兵团省级', '新疆生产建设兵团'),
      kind: 'provincial',
      status: 'up',
      regionCode: code === '660000' ? '650000' : code,
      at: [at[0] + 0.02, at[1] + 0.02],
      coverage: null,
    });
    provincialByCode.set(code, id);
    // Dual-homed: the two nearest core nodes, so losing one core node or link keeps the province on.
    for (const coreId of nearest(nodes, core, at).slice(0, 2)) link(id, coreId, 'fibre', 10_000, status());
  }

  for (const region of input.regions) {
    if (region.level !== 'city') continue;
    const provinceCode = region.parentCode ?? `${region.code.slice(0, 2)}0000`;
    const parent = provincialByCode.get(provinceCode);
    const id = addNode({
      code: `CN-CITY-${region.code}`,
      name: `${region.name}应急通信节点`,
      kind: 'city',
      status: status(),
      regionCode: region.code,
      at: region.center,
      coverage: null,
    });
    if (parent) link(id, parent, rng() < 0.88 ? 'fibre' : 'microwave', rng() < 0.5 ? 1_000 : 2_500);
  }

  const provincialOf = (a: { regionCode: string }) =>
    provincialByCode.get(`${a.regionCode.slice(0, 2)}0000`) ?? (core[0] as number);

  const vsatCount = Math.max(4, Math.round(input.baseStations / 8));
  for (let i = 0; i < vsatCount; i++) {
    const p = input.placePoint(20);
    const variant = pick(rng, ['固定站', '车载站', '便携站', '机载站']);
    const id = addNode({
      code: `CN-VSAT-${String(i + 1).padStart(4, '0')}`,
      name: `${p.anchor.name}VSAT${variant}`,
      kind: 'vsat_station',
      status: status(),
      regionCode: p.regionCode,
      at: p.at,
      coverage: null,
    });
    link(id, provincialOf(p), 'satellite', pick(rng, [2, 4, 8, 20]));
  }

  for (let i = 0; i < Math.max(4, Math.round(input.baseStations / 6)); i++) {
    const p = input.placePoint(60);
    addNode({
      code: `CN-TT-${String(i + 1).padStart(5, '0')}`,
      name: `${p.anchor.name}天通卫星终端${i + 1}`,
      kind: 'tiantong_terminal',
      status: status(),
      regionCode: p.regionCode,
      at: p.at,
      coverage: null,
    });
  }

  for (let i = 0; i < input.baseStations; i++) {
    const pdt = rng() < 0.6;
    const p = input.placePoint(pdt ? 30 : 12);
    addNode({
      code: `CN-${pdt ? 'PDT' : 'LTE'}-${String(i + 1).padStart(5, '0')}`,
      name: `${p.anchor.name}${pdt ? 'PDT集群' : '应急LTE'}基站${i + 1}`,
      kind: pdt ? 'pdt_base_station' : 'lte_base_station',
      status: status(),
      regionCode: p.regionCode,
      at: p.at,
      coverage: {
        technology: pdt ? 'pdt' : 'lte',
        radiusM: pdt ? randomInt(rng, 12, 25) * 1000 : randomInt(rng, 3, 8) * 1000,
      },
    });
  }

  for (let i = 0; i < Math.max(2, Math.round(input.baseStations / 20)); i++) {
    const p = input.placePoint(15);
    addNode({
      code: `CN-MESH-${String(i + 1).padStart(4, '0')}`,
      name: `${p.anchor.name}Mesh自组网设备${i + 1}`,
      kind: 'mesh_kit',
      status: status(),
      regionCode: p.regionCode,
      at: p.at,
      coverage: { technology: 'mesh', radiusM: randomInt(rng, 2, 5) * 1000 },
    });
  }
  return { nodes, links };
}

/** Node ids among `candidates` ordered by distance from `at`. */
function nearest(nodes: CommNodeRow[], candidates: number[], at: LonLat): number[] {
  return [...candidates].sort(
    (a, b) =>
      haversineKm((nodes[a - 1] as CommNodeRow).at, at) - haversineKm((nodes[b - 1] as CommNodeRow).at, at),
  );
}
