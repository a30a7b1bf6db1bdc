import type { AlarmQuery, AlarmSummary } from '@onemap/domain';
import { alarmQuerySchema } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { type RegionScope, scopePattern } from './scope.js';

interface Row {
  id: number;
  sensor_code: string;
  sensor_name: string;
  sensor_kind: string;
  region_code: string;
  lon: number;
  lat: number;
  rule: string;
  level: AlarmSummary['level'];
  state: AlarmSummary['state'];
  raised_at: Date;
  raised_value: number | null;
  last_value: number | null;
  peak_value: number | null;
  cleared_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  ack_comment: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toSummary(r: Row): AlarmSummary {
  return {
    id: r.id,
    sensorCode: r.sensor_code,
    sensorName: r.sensor_name,
    sensorKind: r.sensor_kind,
    regionCode: r.region_code,
    lon: r.lon,
    lat: r.lat,
    rule: r.rule,
    level: r.level,
    state: r.state,
    raisedAt: new Date(r.raised_at).toISOString(),
    raisedValue: r.raised_value,
    lastValue: r.last_value,
    peakValue: r.peak_value,
    clearedAt: iso(r.cleared_at),
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: iso(r.acknowledged_at),
    comment: r.ack_comment,
  };
}

const SELECT = `SELECT a.id, s.code AS sensor_code, s.name AS sensor_name, s.kind AS sensor_kind, s.region_code,
       ST_X(s.location) AS lon, ST_Y(s.location) AS lat,
       a.rule, a.level, a.state, a.raised_at, a.raised_value, a.last_value, a.peak_value, a.cleared_at,
       a.acknowledged_by, a.acknowledged_at, a.ack_comment
  FROM alarm a JOIN sensor s ON s.id = a.sensor_id`;

const STATE_FILTER: Record<string, string> = {
  open: "a.state <> 'cleared'",
  unacknowledged: "a.state = 'open'",
  cleared: "a.state = 'cleared'",
  all: 'true',
};

/**
 * Alarms in the caller's region, most severe first, then newest; one sensor's alarms (its history)
 * newest first.
 */
export async function listAlarms(
  sql: SqlClient,
  scope: RegionScope,
  raw: AlarmQuery,
): Promise<AlarmSummary[]> {
  const q = alarmQuerySchema.parse(raw);
  const order = q.sensorCode ? 'a.raised_at DESC, a.id DESC' : "(a.level = 'alarm') DESC, a.raised_at DESC";
  const rows = await sql.query<Row>(
    `${SELECT} WHERE s.region_code LIKE $1 AND ${STATE_FILTER[q.state]} AND ($3::text IS NULL OR s.code = $3)
      ORDER BY ${order} LIMIT $2`,
    [scopePattern(scope), q.limit, q.sensorCode ?? null],
  );
  return rows.map(toSummary);
}

/** Acknowledges an open alarm in the caller's region; null when there is none to acknowledge. */
export async function acknowledgeAlarm(
  sql: SqlClient,
  scope: RegionScope,
  input: { id: number; comment: string; by: string },
): Promise<AlarmSummary | null> {
  const [updated] = await sql.query<{ id: number }>(
    `UPDATE alarm a SET state = 'acknowledged', acknowledged_by = $3, acknowledged_at = now(), ack_comment = $4
       FROM sensor s
      WHERE a.id = $1 AND s.id = a.sensor_id AND s.region_code LIKE $2 AND a.state = 'open'
      RETURNING a.id`,
    [input.id, scopePattern(scope), input.by, input.comment || null],
  );
  if (!updated) return null;
  const [row] = await sql.query<Row>(`${SELECT} WHERE a.id = $1`, [updated.id]);
  return row ? toSummary(row) : null;
}
