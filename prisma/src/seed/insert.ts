import type { SqlClient } from '../sql.js';
import { toPinyin } from './pinyin.js';
import type { SeedRows } from './rows.js';

const CHUNK = 5_000;
const POINT = (lon: string, lat: string) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

/**
 * Column-wise bulk insert: one `INSERT … SELECT FROM unnest($1::type[], …)` per chunk. It is the
 * fastest portable path on both PGlite and node-postgres (no COPY, one round trip per chunk).
 */
async function insertColumns<R>(
  sql: SqlClient,
  rows: readonly R[],
  spec: {
    table: string;
    columns: Array<[name: string, type: string, value: (r: R) => unknown]>;
    select: string;
    /** Joins after the unnest, to resolve codes to ids. */
    join?: string;
  },
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params = spec.columns.map(([, , value]) => chunk.map(value));
    const unnest = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    const names = spec.columns.map(([name]) => name).join(', ');
    await sql.query(
      `INSERT INTO ${spec.table} ${spec.select} FROM unnest(${unnest}) AS t(${names}) ${spec.join ?? ''}`,
      params,
    );
  }
}

/** Inserts all seed rows in dependency order; the caller wraps this in one transaction. */
export async function insertSeedRows(sql: SqlClient, rows: SeedRows): Promise<void> {
  const regions = [...rows.regions].sort(
    (a, b) => (a.parentCode === null ? 0 : 1) - (b.parentCode === null ? 0 : 1),
  );
  await insertColumns(sql, regions, {
    table: 'region (code, name, name_en, pinyin, level, parent_code, population, center, boundary)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['name_en', 'text', (r) => r.nameEn],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['level', 'text', (r) => r.level],
      ['parent_code', 'text', (r) => r.parentCode],
      ['population', 'int', (r) => r.population],
      ['lon', 'float8', (r) => r.center[0]],
      ['lat', 'float8', (r) => r.center[1]],
      ['boundary', 'text', (r) => r.boundary],
    ],
    select: `SELECT code, name, name_en, pinyin, level, parent_code, population, ${POINT('lon', 'lat')},
             CASE WHEN boundary IS NULL THEN NULL
                  ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(boundary), 4326)), 3)) END`,
  });

  await insertColumns(sql, rows.enterprises, {
    table:
      'enterprise (code, name, pinyin, kind, risk_level, region_code, address, employees, contact_name, contact_phone, location)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['kind', 'text', (r) => r.kind],
      ['risk_level', 'text', (r) => r.riskLevel],
      ['region_code', 'text', (r) => r.regionCode],
      ['address', 'text', (r) => r.address],
      ['employees', 'int', (r) => r.employees],
      ['contact_name', 'text', (r) => r.contactName],
      ['contact_phone', 'text', (r) => r.contactPhone],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, name, pinyin, kind, risk_level, region_code, address, employees, contact_name, contact_phone, ${POINT('lon', 'lat')}`,
  });

  await insertColumns(sql, rows.sensors, {
    table: `sensor (code, name, pinyin, channel, kind, state, unit, region_code, enterprise_id, warn_threshold,
            alarm_threshold, rate_per_min, sampling_interval_s, last_value, last_reading_at, location)`,
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['channel', 'text', (r) => r.channel],
      ['kind', 'text', (r) => r.kind],
      ['state', 'text', (r) => r.state],
      ['unit', 'text', (r) => r.unit],
      ['region_code', 'text', (r) => r.regionCode],
      ['enterprise_id', 'int', (r) => r.enterpriseId],
      ['warn', 'float8', (r) => r.warn],
      ['alarm', 'float8', (r) => r.alarm],
      ['rate', 'float8', (r) => r.ratePerMin],
      ['interval_s', 'int', (r) => r.intervalS],
      ['last_value', 'float8', (r) => r.lastValue],
      ['last_reading_at', 'timestamptz', (r) => r.lastReadingAt?.toISOString() ?? null],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, name, pinyin, channel, kind, state, unit, region_code, enterprise_id, warn, alarm, rate, interval_s,
             last_value, last_reading_at, ${POINT('lon', 'lat')}`,
  });

  await insertColumns(sql, rows.teams, {
    table:
      'rescue_team (code, name, pinyin, type, status, members, capabilities, region_code, phone, base_location, location)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['type', 'text', (r) => r.type],
      ['status', 'text', (r) => r.status],
      ['members', 'int', (r) => r.members],
      ['capabilities', 'text', (r) => r.capabilities.join(',')],
      ['region_code', 'text', (r) => r.regionCode],
      ['phone', 'text', (r) => r.phone],
      ['base_lon', 'float8', (r) => r.base[0]],
      ['base_lat', 'float8', (r) => r.base[1]],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, name, pinyin, type, status, members, string_to_array(capabilities, ','), region_code, phone,
             ${POINT('base_lon', 'base_lat')}, ${POINT('lon', 'lat')}`,
  });

  await insertColumns(sql, rows.depots, {
    table: 'supply_depot (code, name, pinyin, tier, region_code, location)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['tier', 'text', (r) => r.tier],
      ['region_code', 'text', (r) => r.regionCode],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, name, pinyin, tier, region_code, ${POINT('lon', 'lat')}`,
  });
  const inventory = rows.depots.flatMap((d) => d.inventory.map((it) => ({ ...it, depotCode: d.code })));
  await insertColumns(sql, inventory, {
    table: 'depot_inventory (depot_id, item, unit, quantity)',
    columns: [
      ['depot_code', 'text', (r) => r.depotCode],
      ['item', 'text', (r) => r.item],
      ['unit', 'text', (r) => r.unit],
      ['quantity', 'int', (r) => r.quantity],
    ],
    select: 'SELECT (SELECT id FROM supply_depot d WHERE d.code = t.depot_code), item, unit, quantity',
  });

  await insertColumns(sql, rows.shelters, {
    table: 'shelter (code, name, pinyin, capacity, area_m2, status, region_code, location)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['capacity', 'int', (r) => r.capacity],
      ['area_m2', 'int', (r) => r.areaM2],
      ['status', 'text', (r) => r.status],
      ['region_code', 'text', (r) => r.regionCode],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, name, pinyin, capacity, area_m2, status, region_code, ${POINT('lon', 'lat')}`,
  });

  await insertColumns(sql, rows.hospitals, {
    table: 'hospital (code, name, pinyin, grade, beds, region_code, location)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['grade', 'text', (r) => r.grade],
      ['beds', 'int', (r) => r.beds],
      ['region_code', 'text', (r) => r.regionCode],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, name, pinyin, grade, beds, region_code, ${POINT('lon', 'lat')}`,
  });

  await insertColumns(sql, rows.incidents, {
    table: `incident (code, title, class, type, level, status, source, description, region_code, deaths, injuries,
            missing, occurred_at, reported_at, closed_at, location)`,
    columns: [
      ['code', 'text', (r) => r.code],
      ['title', 'text', (r) => r.title],
      ['class', 'text', (r) => r.class],
      ['type', 'text', (r) => r.type],
      ['level', 'text', (r) => r.level],
      ['status', 'text', (r) => r.status],
      ['source', 'text', (r) => r.source],
      ['description', 'text', (r) => r.description],
      ['region_code', 'text', (r) => r.regionCode],
      ['deaths', 'int', (r) => r.deaths],
      ['injuries', 'int', (r) => r.injuries],
      ['missing', 'int', (r) => r.missing],
      ['occurred_at', 'timestamptz', (r) => r.occurredAt.toISOString()],
      ['closed_at', 'timestamptz', (r) => r.closedAt?.toISOString() ?? null],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, title, class, type, level, status, source, description, region_code, deaths, injuries, missing,
             occurred_at, occurred_at + interval '10 minutes', closed_at, ${POINT('lon', 'lat')}`,
  });

  await insertColumns(sql, rows.commNodes, {
    table: 'comm_node (code, name, pinyin, kind, status, region_code, location)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['pinyin', 'text', (r) => toPinyin(r.name)],
      ['kind', 'text', (r) => r.kind],
      ['status', 'text', (r) => r.status],
      ['region_code', 'text', (r) => r.regionCode],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT code, name, pinyin, kind, status, region_code, ${POINT('lon', 'lat')}`,
  });
  const covered = rows.commNodes.filter((n) => n.coverage);
  await insertColumns(sql, covered, {
    table: 'coverage_area (node_id, technology, area)',
    columns: [
      ['node_code', 'text', (r) => r.code],
      ['technology', 'text', (r) => r.coverage?.technology],
      ['radius_m', 'float8', (r) => r.coverage?.radiusM],
    ],
    select: 'SELECT n.id, t.technology, ST_Multi(ST_Buffer(n.location::geography, t.radius_m, 24)::geometry)',
    join: 'JOIN comm_node n ON n.code = t.node_code',
  });
  await insertColumns(sql, rows.commLinks, {
    table: 'comm_link (code, name, medium, status, bandwidth_mbps, from_node_id, to_node_id, path)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['medium', 'text', (r) => r.medium],
      ['status', 'text', (r) => r.status],
      ['bandwidth', 'int', (r) => r.bandwidthMbps],
      ['from_code', 'text', (r) => (rows.commNodes[r.from - 1] as { code: string }).code],
      ['to_code', 'text', (r) => (rows.commNodes[r.to - 1] as { code: string }).code],
    ],
    select:
      'SELECT t.code, t.name, t.medium, t.status, t.bandwidth, a.id, b.id, ST_MakeLine(a.location, b.location)',
    join: 'JOIN comm_node a ON a.code = t.from_code JOIN comm_node b ON b.code = t.to_code',
  });

  await insertColumns(sql, rows.reports, {
    table:
      'public_report (reference, category, description, contact, status, region_code, received_at, location)',
    columns: [
      ['reference', 'text', (r) => r.reference],
      ['category', 'text', (r) => r.category],
      ['description', 'text', (r) => r.description],
      ['contact', 'text', (r) => r.contact],
      ['status', 'text', (r) => r.status],
      ['region_code', 'text', (r) => r.regionCode],
      ['received_at', 'timestamptz', (r) => r.receivedAt.toISOString()],
      ['lon', 'float8', (r) => r.at[0]],
      ['lat', 'float8', (r) => r.at[1]],
    ],
    select: `SELECT reference, category, description, contact, status, region_code, received_at, ${POINT('lon', 'lat')}`,
  });

  await insertColumns(sql, rows.remoteSensing, {
    table: `remote_sensing_product (code, name, channel, kind, platform, sensor, source, acquired_at, received_at,
            region_code, properties, geometry)`,
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['channel', 'text', (r) => r.channel],
      ['kind', 'text', (r) => r.kind],
      ['platform', 'text', (r) => r.platform],
      ['sensor', 'text', (r) => r.sensor],
      ['source', 'text', (r) => r.source],
      ['acquired_at', 'timestamptz', (r) => r.acquiredAt.toISOString()],
      ['received_at', 'timestamptz', (r) => r.receivedAt.toISOString()],
      ['region_code', 'text', (r) => r.regionCode],
      ['properties', 'text', (r) => JSON.stringify(r.properties)],
      ['geometry', 'text', (r) => JSON.stringify(r.geometry)],
    ],
    select: `SELECT code, name, channel, kind, platform, sensor, source, acquired_at, received_at, region_code,
             properties::jsonb, ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)`,
  });
  await insertColumns(sql, rows.droneFlights, {
    table: 'drone_flight (code, name, platform, team, status, region_code, started_at, ended_at, path)',
    columns: [
      ['code', 'text', (r) => r.code],
      ['name', 'text', (r) => r.name],
      ['platform', 'text', (r) => r.platform],
      ['team', 'text', (r) => r.team],
      ['status', 'text', (r) => r.status],
      ['region_code', 'text', (r) => r.regionCode],
      ['started_at', 'timestamptz', (r) => r.startedAt.toISOString()],
      ['ended_at', 'timestamptz', (r) => r.endedAt?.toISOString() ?? null],
      ['path', 'text', (r) => `LINESTRING M (${r.path.map((v) => v.join(' ')).join(', ')})`],
    ],
    select: `SELECT code, name, platform, team, status, region_code, started_at, ended_at,
             ST_GeomFromText(path, 4326)`,
  });
  await insertColumns(sql, rows.cameraViews, {
    table: 'camera_view (sensor_id, bearing_deg, fov_deg, range_m, ptz, stream_url)',
    columns: [
      ['sensor_code', 'text', (r) => r.sensorCode],
      ['bearing_deg', 'float8', (r) => r.bearingDeg],
      ['fov_deg', 'float8', (r) => r.fovDeg],
      ['range_m', 'float8', (r) => r.rangeM],
      ['ptz', 'bool', (r) => r.ptz],
      ['stream_url', 'text', (r) => r.streamUrl],
    ],
    select: 'SELECT s.id, t.bearing_deg, t.fov_deg, t.range_m, t.ptz, t.stream_url',
    join: 'JOIN sensor s ON s.code = t.sensor_code',
  });
}
