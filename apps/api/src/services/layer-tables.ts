import {
  commNodeKinds,
  enterpriseKinds,
  hospitalGrades,
  incidentClasses,
  incidentLevels,
  incidentStatuses,
  incidentTypes,
  type Label,
  type PointLayerId,
  pointLayers,
  riskLevels,
  sensorChannels,
  sensorKinds,
  sensorStates,
  shelterStatuses,
  teamStatuses,
  teamTypes,
  type Vocabulary,
} from '@onemap/domain';

/**
 * Where each point layer lives in the database: the one server-side registration of a layer.
 * Tiles, the detail drawer and search all read this table, so a new layer is one entry here plus
 * one in @onemap/domain's `pointLayers`.
 */
export interface DetailColumn {
  key: string;
  /** A column name, or a SQL expression over the table alias `f`. */
  sql: string;
  label: Label;
  vocabulary?: Vocabulary<string>;
  unit?: string;
  /** Sensitive personal data, masked this way for roles without clearance (and its reads audited). */
  sensitive?: 'phone' | 'name';
}

export interface LayerTable {
  table: string;
  /** Column holding the category code, or null for a single-category layer. */
  categoryColumn: string | null;
  stateColumn: string | null;
  nameColumn: string;
  /** Whether the table has a `pinyin` column searched beside the name. */
  hasPinyin: boolean;
  details: DetailColumn[];
}

const col = (key: string, zh: string, en: string, extra: Partial<DetailColumn> = {}): DetailColumn => ({
  key,
  sql: `f.${extra.sql ?? key}`,
  label: { zh, en },
  ...(extra.vocabulary ? { vocabulary: extra.vocabulary } : {}),
  ...(extra.unit ? { unit: extra.unit } : {}),
  ...(extra.sensitive ? { sensitive: extra.sensitive } : {}),
});

export const layerTables: Record<PointLayerId, LayerTable> = {
  sensors: {
    table: 'sensor',
    categoryColumn: 'kind',
    stateColumn: 'state',
    nameColumn: 'name',
    hasPinyin: true,
    details: [
      col('channel', '感知渠道', 'Channel', { vocabulary: sensorChannels }),
      col('kind', '监测类型', 'Kind', { vocabulary: sensorKinds }),
      col('state', '状态', 'State', { vocabulary: sensorStates }),
      col('lastValue', '最新值', 'Latest value', { sql: 'last_value' }),
      col('unit', '单位', 'Unit'),
      col('warnThreshold', '预警阈值', 'Warning threshold', { sql: 'warn_threshold' }),
      col('alarmThreshold', '报警阈值', 'Alarm threshold', { sql: 'alarm_threshold' }),
      col('lastReadingAt', '最近上报', 'Last reading', { sql: 'last_reading_at' }),
      col('samplingIntervalS', '采集周期', 'Sampling interval', { sql: 'sampling_interval_s', unit: 's' }),
      {
        key: 'enterprise',
        sql: '(SELECT e.name FROM enterprise e WHERE e.id = f.enterprise_id)',
        label: { zh: '所属企业', en: 'Enterprise' },
      },
    ],
  },
  teams: {
    table: 'rescue_team',
    categoryColumn: 'type',
    stateColumn: 'status',
    nameColumn: 'name',
    hasPinyin: true,
    details: [
      col('type', '队伍类型', 'Team type', { vocabulary: teamTypes }),
      col('status', '状态', 'Status', { vocabulary: teamStatuses }),
      col('members', '人数', 'Members'),
      {
        key: 'capabilities',
        sql: "array_to_string(f.capabilities, ',')",
        label: { zh: '救援能力', en: 'Capabilities' },
      },
      col('phone', '联系电话', 'Phone', { sensitive: 'phone' }),
    ],
  },
  depots: {
    table: 'supply_depot',
    categoryColumn: null,
    stateColumn: null,
    nameColumn: 'name',
    hasPinyin: true,
    details: [
      col('tier', '级别', 'Tier'),
      {
        key: 'inventory',
        sql: `(SELECT string_agg(i.item || ' ' || i.quantity || i.unit, '、' ORDER BY i.item)
               FROM depot_inventory i WHERE i.depot_id = f.id)`,
        label: { zh: '库存', en: 'Inventory' },
      },
    ],
  },
  shelters: {
    table: 'shelter',
    categoryColumn: null,
    stateColumn: 'status',
    nameColumn: 'name',
    hasPinyin: true,
    details: [
      col('status', '状态', 'Status', { vocabulary: shelterStatuses }),
      col('capacity', '容纳人数', 'Capacity'),
      col('areaM2', '面积', 'Area', { sql: 'area_m2', unit: 'm²' }),
    ],
  },
  hospitals: {
    table: 'hospital',
    categoryColumn: 'grade',
    stateColumn: null,
    nameColumn: 'name',
    hasPinyin: true,
    details: [col('grade', '等级', 'Grade', { vocabulary: hospitalGrades }), col('beds', '床位', 'Beds')],
  },
  incidents: {
    table: 'incident',
    categoryColumn: 'level',
    stateColumn: 'status',
    nameColumn: 'title',
    hasPinyin: false,
    details: [
      col('class', '事件类别', 'Class', { vocabulary: incidentClasses }),
      col('type', '事件类型', 'Type', { vocabulary: incidentTypes }),
      col('level', '事件级别', 'Level', { vocabulary: incidentLevels }),
      col('status', '状态', 'Status', { vocabulary: incidentStatuses }),
      col('occurredAt', '发生时间', 'Occurred at', { sql: 'occurred_at' }),
      col('deaths', '死亡', 'Deaths'),
      col('injuries', '受伤', 'Injured'),
      col('missing', '失踪', 'Missing'),
      col('description', '描述', 'Description'),
    ],
  },
  enterprises: {
    table: 'enterprise',
    categoryColumn: 'kind',
    stateColumn: 'risk_level',
    nameColumn: 'name',
    hasPinyin: true,
    details: [
      col('kind', '行业类别', 'Sector', { vocabulary: enterpriseKinds }),
      col('riskLevel', '风险等级', 'Risk level', { sql: 'risk_level', vocabulary: riskLevels }),
      col('employees', '从业人数', 'Employees'),
      col('address', '地址', 'Address'),
      col('contactName', '安全负责人', 'Safety contact', { sql: 'contact_name', sensitive: 'name' }),
      col('contactPhone', '联系电话', 'Contact phone', { sql: 'contact_phone', sensitive: 'phone' }),
    ],
  },
  commNodes: {
    table: 'comm_node',
    categoryColumn: 'kind',
    stateColumn: 'status',
    nameColumn: 'name',
    hasPinyin: true,
    details: [
      col('kind', '节点类型', 'Node type', { vocabulary: commNodeKinds }),
      col('status', '状态', 'Status', { vocabulary: pointLayers.commNodes.state }),
      {
        key: 'links',
        sql: '(SELECT count(*)::int FROM comm_link l WHERE l.from_node_id = f.id OR l.to_node_id = f.id)',
        label: { zh: '链路数', en: 'Links' },
      },
    ],
  },
};
