import {
  type IngestRejection,
  type IngestResult,
  type TeamStatus,
  unitPositionBatchSchema,
  unitStepFromPosition,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { z } from 'zod';
import type { RegionalOperationsChange } from '../events/operations.js';
import { stepAssignment, type UnitRow, unitChange } from './dispatch.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * Live unit tracking (车辆/单兵定位): positions from the units' own trackers, over MQTT or HTTP,
 * like sensor readings. Each batch stores the track, moves each team to its newest position, and
 * applies what a position implies for the team's assignment (the geofence: left the base → en
 * route, at the scene → on scene, back at base → available). Items are judged one by one: a
 * position for an unknown team is refused without costing the others theirs.
 */
const itemSchema = unitPositionBatchSchema.shape.positions.element;

/** Who the geofence acts as in timelines. */
export const GEOFENCE_ACTOR = 'geofence';

interface MovedTeam extends UnitRow {
  assignment_id: number | null;
  to_scene_m: number | null;
  to_base_m: number;
}

export interface PositionsOutcome {
  result: IngestResult;
  changes: RegionalOperationsChange[];
}

/**
 * Stores a batch of positions (items `{ teamCode, ts, lon, lat, speed?, heading? }`) for the teams
 * in `scope`, in the caller's transaction. The same position sent twice is stored once.
 */
export async function ingestUnitPositions(
  tx: SqlClient,
  items: readonly unknown[],
  scope: RegionScope,
): Promise<PositionsOutcome> {
  const rejected: IngestRejection[] = [];
  const valid: Array<{ index: number; item: z.output<typeof itemSchema> }> = [];
  items.forEach((raw, index) => {
    const parsed = itemSchema.safeParse(raw);
    if (parsed.success) valid.push({ index, item: parsed.data });
    else {
      const issue = parsed.error.issues[0];
      rejected.push({ index, reason: `${issue?.path.join('.') || 'item'}: ${issue?.message ?? 'invalid'}` });
    }
  });
  if (valid.length === 0) return { result: { accepted: 0, rejected }, changes: [] };

  const codes = [...new Set(valid.map((v) => v.item.teamCode))];
  const teams = await tx.query<{ id: number; code: string }>(
    'SELECT id, code FROM rescue_team WHERE code = ANY($1::text[]) AND region_code LIKE $2',
    [codes, scopePattern(scope)],
  );
  const idOf = new Map(teams.map((t) => [t.code, t.id]));
  const rows: Array<{
    team: number;
    ts: string;
    lon: number;
    lat: number;
    speed: number | null;
    heading: number | null;
  }> = [];
  for (const { index, item } of valid) {
    const team = idOf.get(item.teamCode);
    if (team === undefined) {
      rejected.push({ index, reason: `teamCode: no team ${item.teamCode}` });
      continue;
    }
    rows.push({
      team,
      ts: item.ts,
      lon: item.lon,
      lat: item.lat,
      speed: item.speed ?? null,
      heading: item.heading ?? null,
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  if (rows.length === 0) return { result: { accepted: 0, rejected }, changes: [] };

  const columns = [
    rows.map((r) => r.team),
    rows.map((r) => r.ts),
    rows.map((r) => r.lon),
    rows.map((r) => r.lat),
    rows.map((r) => r.speed),
    rows.map((r) => r.heading),
  ];
  const UNNEST = `unnest($1::int[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
                  AS u(team_id, ts, lon, lat, speed, heading)`;
  await tx.query(
    `INSERT INTO unit_position (team_id, ts, lon, lat, speed_kmh, heading)
     SELECT team_id, ts, lon, lat, speed, heading FROM ${UNNEST}
     ON CONFLICT (team_id, ts) DO NOTHING`,
    columns,
  );
  // Each team moves to its newest position, and only forward in time: a late, older position
  // joins the track but does not pull the unit back on the map. Teams locked in id order.
  const moved = await tx.query<MovedTeam>(
    `WITH latest AS (
       SELECT DISTINCT ON (team_id) team_id, ts, lon, lat, speed, heading FROM ${UNNEST}
        ORDER BY team_id, ts DESC),
     locked AS (SELECT t.id FROM rescue_team t JOIN latest l ON l.team_id = t.id ORDER BY t.id FOR UPDATE OF t),
     upd AS (
       UPDATE rescue_team t
          SET location = ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326), position_at = l.ts,
              speed_kmh = l.speed, heading = l.heading
         FROM latest l
        WHERE t.id = l.team_id AND t.id IN (SELECT id FROM locked)
          AND (t.position_at IS NULL OR t.position_at < l.ts)
        RETURNING t.id, t.code, t.name, t.type, t.status, t.region_code, l.lon, l.lat, t.position_at,
                  t.speed_kmh, t.heading, t.location, t.base_location)
     SELECT u.id, u.code, u.name, u.type, u.status, u.region_code, u.lon, u.lat, u.position_at, u.speed_kmh,
            u.heading,
            a.id AS assignment_id,
            ST_Distance(u.location::geography, i.location::geography) AS to_scene_m,
            ST_Distance(u.location::geography, u.base_location::geography) AS to_base_m
       FROM upd u
       LEFT JOIN assignment a ON a.team_id = u.id AND a.ended_at IS NULL
       LEFT JOIN incident i ON i.id = a.incident_id`,
    columns,
  );

  const changes: RegionalOperationsChange[] = [];
  for (const t of moved) {
    let status = t.status;
    if (t.assignment_id !== null && t.to_scene_m !== null) {
      const step = unitStepFromPosition({
        status,
        type: t.type,
        toSceneM: t.to_scene_m,
        toBaseM: t.to_base_m,
      });
      // A team found at the scene before it ever reported leaving went through 途中 on the way.
      const steps: TeamStatus[] =
        step === 'on_scene' && status === 'dispatched' ? ['en_route', 'on_scene'] : step ? [step] : [];
      for (const to of steps) {
        const outcome = await stepAssignment(
          tx,
          scope,
          GEOFENCE_ACTOR,
          { assignmentId: t.assignment_id, to },
          'geofence',
        );
        // The unit's own change, with its position, follows below.
        changes.push(...outcome.changes.filter((c) => c.kind !== 'unit'));
        status = to;
      }
    }
    changes.push(unitChange({ ...t, status }));
  }
  return { result: { accepted: rows.length, rejected }, changes };
}

/** A unit's recent track, oldest first: the trail drawn behind it. */
export async function unitTrack(
  sql: SqlClient,
  scope: RegionScope,
  teamCode: string,
  since: Date,
): Promise<Array<{ ts: string; lon: number; lat: number }> | null> {
  const [team] = await sql.query<{ id: number }>(
    'SELECT id FROM rescue_team WHERE code = $1 AND region_code LIKE $2',
    [teamCode, scopePattern(scope)],
  );
  if (!team) return null;
  const rows = await sql.query<{ ts: Date; lon: number; lat: number }>(
    'SELECT ts, lon, lat FROM unit_position WHERE team_id = $1 AND ts >= $2 ORDER BY ts LIMIT 2000',
    [team.id, since],
  );
  return rows.map((r) => ({ ts: new Date(r.ts).toISOString(), lon: r.lon, lat: r.lat }));
}
