/**
 * Every UI string of the web app, in both languages. Vocabulary labels (layer names, states,
 * levels) are not here: they come with their codes from @onemap/domain.
 *
 * `zh` defines the keys; `en` is typed against them, so a key missing from either language fails
 * the type check. Placeholders are written `{name}` and filled by `translate`.
 */
const zh = {
  'app.title': '应急管理一张图',
  'app.subtitle': 'OneMap',
  'lang.toggle': 'English',
  'lang.toggleLabel': '切换到英文界面',
  'health.ok': '服务正常',
  'health.starting': '服务启动中',
  'health.failed': '服务故障',
  'health.offline': '连接中断',
  'health.checking': '连接中',
  'health.detail': '数据库 {db} · 版本 {version}',
  'clock.label': '北京时间',
  'layers.title': '图层',
  'layers.inViewCount': '视野内 {count} 个',
  'layers.error': '加载失败',
  'layers.collapse': '收起图层面板',
  'layers.expand': '展开图层面板',
  'layers.legend': '图例',
  'search.placeholder': '搜索地名、设施、事件（中文/拼音/英文）',
  'search.label': '搜索',
  'search.none': '没有找到“{q}”',
  'search.searching': '搜索中…',
  'search.error': '搜索失败，请稍后重试',
  'search.kind.region': '行政区',
  'search.kind.city': '城市',
  'detail.close': '关闭',
  'detail.loading': '正在读取详情…',
  'detail.error': '读取详情失败',
  'detail.code': '编码',
  'detail.region': '所在地区',
  'detail.location': '位置',
  'detail.layer.regions': '行政区',
  'detail.yes': '是',
  'detail.no': '否',
  'detail.empty': '—',
  'status.cursor': '光标',
  'status.zoom': '级别',
  'status.scale': '比例尺',
  'panels.label': '业务面板',
  'panels.close': '关闭面板',
  'panel.monitoring': '监测预警',
  'panel.dispatch': '指挥调度',
  'panel.supervision': '监管执法',
  'panel.decision': '辅助决策',
  'panel.total': '总数',
  'panel.inView': '视野内',
  'panel.byState': '视野内按状态',
  'panel.byCategory': '视野内按类别',
  'panel.layerOff': '图层未开启，打开后统计视野内数量',
  'panel.monitoring.intro':
    '汇聚物联、卫星、航空、视频和全民五类感知渠道的设备，实时显示运行状态。后续将在此处展示报警列表、阈值规则和预警发布。',
  'panel.monitoring.totals': '各图层总量',
  'panel.dispatch.intro':
    '突发事件与救援力量一图调度。后续将在此处展示事件接报、分级响应、队伍与物资调派及现场跟踪。',
  'panel.supervision.intro':
    '危险化学品、矿山、烟花爆竹、冶金和消防安全重点单位的风险四色分布。后续将在此处展示隐患排查与执法检查。',
  'panel.decision.intro':
    '事件影响范围内的医疗、避难和通信保障能力。后续将在此处展示影响分析、预案匹配和态势报告。',
  'panel.decision.links': '通信链路（全部）',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof zh;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  'app.title': 'Emergency Management One Map',
  'app.subtitle': 'OneMap',
  'lang.toggle': '中文',
  'lang.toggleLabel': 'Switch the interface to Chinese',
  'health.ok': 'Service OK',
  'health.starting': 'Service starting',
  'health.failed': 'Service failed',
  'health.offline': 'Disconnected',
  'health.checking': 'Connecting',
  'health.detail': 'Database {db} · version {version}',
  'clock.label': 'Beijing time',
  'layers.title': 'Layers',
  'layers.inViewCount': '{count} in view',
  'layers.error': 'Failed to load',
  'layers.collapse': 'Collapse the layer panel',
  'layers.expand': 'Expand the layer panel',
  'layers.legend': 'Legend',
  'search.placeholder': 'Search places, facilities, incidents (Chinese, pinyin, English)',
  'search.label': 'Search',
  'search.none': 'Nothing found for “{q}”',
  'search.searching': 'Searching…',
  'search.error': 'Search failed, please try again',
  'search.kind.region': 'Region',
  'search.kind.city': 'City',
  'detail.close': 'Close',
  'detail.loading': 'Loading details…',
  'detail.error': 'Could not load the details',
  'detail.code': 'Code',
  'detail.region': 'Region',
  'detail.location': 'Location',
  'detail.layer.regions': 'Administrative region',
  'detail.yes': 'Yes',
  'detail.no': 'No',
  'detail.empty': '—',
  'status.cursor': 'Cursor',
  'status.zoom': 'Zoom',
  'status.scale': 'Scale',
  'panels.label': 'Operations panels',
  'panels.close': 'Close the panel',
  'panel.monitoring': 'Monitoring',
  'panel.dispatch': 'Dispatch',
  'panel.supervision': 'Supervision',
  'panel.decision': 'Decision support',
  'panel.total': 'Total',
  'panel.inView': 'In view',
  'panel.byState': 'In view by state',
  'panel.byCategory': 'In view by category',
  'panel.layerOff': 'Layer is off; switch it on to count what is in view',
  'panel.monitoring.intro':
    'Sensing devices of all five channels (IoT, satellite, aerial, video, crowd) with their live state. Alarm lists, threshold rules and warning release will appear here.',
  'panel.monitoring.totals': 'Totals per layer',
  'panel.dispatch.intro':
    'Incidents and rescue resources on one map. Incident intake, graded response, team and supply dispatch and on-scene tracking will appear here.',
  'panel.supervision.intro':
    'Four-colour risk of hazardous-chemical, mining, fireworks, metallurgy and fire-safety key units. Hazard checks and inspections will appear here.',
  'panel.decision.intro':
    'Medical, shelter and communications capacity around an incident. Impact analysis, plan matching and situation reports will appear here.',
  'panel.decision.links': 'Communication links (all)',
};

export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];

export const messages: Readonly<Record<Language, Messages>> = { zh, en };

/** The BCP 47 tag for `<html lang>` and Intl formatters. */
export const localeOf: Readonly<Record<Language, string>> = { zh: 'zh-CN', en: 'en-GB' };

export function translate(lang: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
