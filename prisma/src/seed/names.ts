import type { ReliefSupplyItem } from '@onemap/domain';
import { pick } from '@onemap/geo';

type Rng = () => number;

/** Plausible Chinese names for generated entities, built from a place name and a few word pools. */

const HAN = /[\u4e00-\u9fff]/;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** "杭州市" → "杭州", "阿坝藏族羌族自治州" → "阿坝": the short form people use inside names. */
export function shortPlaceName(name: string): string {
  const autonomous =
    /^(.{2,4}?)(蒙古族|藏族|回族|维吾尔|苗族|彝族|壮族|布依族|朝鲜族|满族|侗族|瑶族|白族|土家族|哈尼族|哈萨克|傣族|黎族|傈僳族|佤族|畲族|拉祜族|水族|东乡族|纳西族|景颇族|柯尔克孜|土族|达斡尔|羌族|撒拉族|仫佬族|锡伯族|布朗族|仡佬族|阿昌族|普米族|塔吉克|怒族|鄂温克|德昂族|保安族|裕固族|京族|塔塔尔|独龙族|鄂伦春|赫哲族|门巴族|珞巴族|基诺族)/.exec(
      name,
    );
  if (autonomous?.[1]) return autonomous[1];
  const stripped = name.replace(/(特别行政区|自治区|自治州|自治县|地区|新区|林区|盟|省|市|县|区|旗)$/, '');
  return stripped.length >= 2 ? stripped : name;
}

const BRANDS = [
  '宏达',
  '恒泰',
  '华鑫',
  '永安',
  '金源',
  '瑞丰',
  '鑫盛',
  '天成',
  '中泰',
  '东方',
  '兴业',
  '长青',
  '建华',
  '国泰',
  '新元',
  '荣盛',
  '海川',
  '同心',
  '博远',
  '万通',
  '昌盛',
  '广源',
  '德润',
  '嘉和',
];

const ENTERPRISE_SUFFIX: Record<string, string[]> = {
  hazardous_chemicals: [
    '化工有限公司',
    '石化有限公司',
    '化学品仓储有限公司',
    '精细化工有限公司',
    '新材料有限公司',
  ],
  mine: ['煤矿', '矿业有限公司', '铁矿', '金矿', '煤业有限公司'],
  fireworks: ['烟花爆竹有限公司', '花炮厂', '烟花爆竹批发有限公司'],
  metallurgy: ['钢铁有限公司', '铝业有限公司', '特钢有限公司', '冶炼有限公司'],
  fire_safety_key_unit: ['商业广场', '购物中心', '国际酒店', '体育馆', '会展中心', '客运站', '影剧院'],
};

export function enterpriseName(rng: Rng, place: string, kind: string): string {
  return `${shortPlaceName(place)}${pick(rng, BRANDS)}${pick(rng, ENTERPRISE_SUFFIX[kind] ?? ['有限公司'])}`;
}

const TEAM_NAME: Record<string, (place: string, n: number) => string> = {
  fire_rescue: (p, n) => `${p}消防救援支队第${n}特勤站`,
  forest_fire: (p, n) => `${p}森林消防大队第${n}中队`,
  mine_rescue: (p, n) => `${p}矿山救护队第${n}小队`,
  hazchem: (p, n) => `${p}危化品应急救援队第${n}分队`,
  flood_rescue: (p, n) => `${p}抗洪抢险突击队第${n}分队`,
  earthquake_rescue: (p, n) => `${p}地震灾害紧急救援队第${n}分队`,
  medical: (p, n) => `${p}紧急医学救援队第${n}分队`,
  helicopter: (p, n) => `${p}航空应急救援队第${n}机组`,
  volunteer: (p, n) => `${p}蓝天救援队第${n}分队`,
};

export function teamName(place: string, type: string, n: number): string {
  return (TEAM_NAME[type] ?? TEAM_NAME.volunteer)?.(shortPlaceName(place), n) ?? place;
}

const SHELTER_SITES = [
  '人民公园',
  '中心广场',
  '体育中心',
  '文化公园',
  '第一中学',
  '第二中学',
  '实验小学',
  '湿地公园',
  '会展中心',
  '滨江公园',
];

export function shelterName(rng: Rng, place: string): string {
  return `${shortPlaceName(place)}${pick(rng, SHELTER_SITES)}应急避难场所`;
}

export function hospitalName(place: string, grade: string, n: number): string {
  const p = shortPlaceName(place);
  if (grade === 'grade3') return n === 1 ? `${p}市第一人民医院` : `${p}中心医院${n}院区`;
  if (grade === 'grade2') return n % 2 ? `${p}中医院` : `${p}第${n}人民医院`;
  return `${p}社区卫生服务中心${n}`;
}

export const DEPOT_ITEMS: Array<{ item: ReliefSupplyItem; unit: string; typical: number }> = [
  { item: '帐篷', unit: '顶', typical: 2000 },
  { item: '棉被', unit: '床', typical: 8000 },
  { item: '折叠床', unit: '张', typical: 3000 },
  { item: '救生衣', unit: '件', typical: 5000 },
  { item: '冲锋舟', unit: '艘', typical: 40 },
  { item: '发电机组', unit: '台', typical: 60 },
  { item: '排涝泵', unit: '台', typical: 80 },
  { item: '应急照明灯', unit: '套', typical: 1500 },
  { item: '方便食品', unit: '箱', typical: 10000 },
  { item: '饮用水', unit: '箱', typical: 12000 },
];
