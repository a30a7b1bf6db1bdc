import {
  assignmentEnd,
  assignmentTransition,
  type CandidateTeam,
  type DispatchOrder,
  type IncidentType,
  incidentStatuses,
  type Recommendation,
  recommendTeams,
  SUPPLY_TRUCK_PROFILE,
  suppliesForIncident,
  type TeamStatus,
  type TeamType,
  teamStatuses,
  teamTravelProfiles,
  teamTypes,
  teamTypesForIncident,
} from '@onemap/domain';
import { estimateTravel, haversineKm } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import type { RegionalOperationsChange } from '../events/operations.js';
import type { Caller } from './actor.js';
import { appendIncidentEvent } from './incident-events.js';
import { type Changes, incidentChange, lockIncident, summaryOf } from './incidents.js';
import { Refusal } from './refusal.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * Dispatch (力量调派): what to send to an incident, sending it, and each step of every assignment
 * until the team is available again. Team status is the one truth of what a team is doing; the
 * assignment records when each step happened. A team is claimed with a conditional update
 * (`status = 'available'`), so of two operators sending the same team exactly one succeeds, on
 * either engine, and the other is told what the team is doing now.
 */

/** Candidates fetched per team type, as a multiple of the teams asked for: see `candidateTeams`. */
const OVERFETCH = 4;

interface TeamRow {
  code: string;
  name: string;
  type: TeamType;
  status: TeamStatus;
  members: number;
  capabilities: string[];
  lon: number;
  lat: number;
}

/**
 * The nearest available teams of each type that could fit the incident. Within one type the
 * arrival time grows with distance (one speed, one turn-out), so the fastest `limit` of a type are
 * among its nearest; the index orders by map distance, which near the poles and over long spans
 * differs from the great circle, hence the over-fetch before the exact ranking. One GiST
 * nearest-neighbour probe per type: the cost does not grow with the number of teams.
 */
async function candidateTeams(
  sql: SqlClient,
  scope: RegionScope,
  at: { type: IncidentType; lon: number; lat: number },
  limit: number,
): Promise<TeamRow[]> {
  const fit = teamTypesForIncident[at.type];
  const others = teamTypes.codes.filter((t) => !fit.includes(t));
  return sql.query<TeamRow>(
    `WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS g)
     SELECT c.* FROM unnest($3::text[]) AS k(type) CROSS JOIN LATERAL (
       SELECT t.code, t.name, t.type, t.status, t.members, t.capabilities,
              ST_X(t.location) AS lon, ST_Y(t.location) AS lat
         FROM rescue_team t, p
        WHERE t.type = k.type AND t.status = 'available' AND t.region_code LIKE $5
          AND (k.type = ANY($6::text[]) OR $7 = ANY(t.capabilities))
        ORDER BY t.location <-> p.g LIMIT $4) c`,
    [at.lon, at.lat, [...fit, ...others], limit * OVERFETCH, scopePattern(scope), fit, at.type],
  );
}

/**
 * What to send to an incident: the available teams that fit it, fastest first (`recommendTeams`),
 * the depots nearby that hold the supplies its type calls for, and the shelters and hospitals
 * nearest to it. Only the caller's region is searched.
 */
export async function recommend(
  sql: SqlClient,
  scope: RegionScope,
  input: { id: number; limit: number },
): Promise<Recommendation | null> {
  const [incident] = await sql.query<{
    id: number;
    code: string;
    type: IncidentType;
    lon: number;
    lat: number;
  }>(
    `SELECT id, code, type, ST_X(location) AS lon, ST_Y(location) AS lat FROM incident
      WHERE id = $1 AND region_code LIKE $2`,
    [input.id, scopePattern(scope)],
  );
  if (!incident) return null;
  const at: [number, number] = [incident.lon, incident.lat];
  const supplies = suppliesForIncident[incident.type];
  const [teams, depots, shelters, hospitals] = await Promise.all([
    candidateTeams(sql, scope, incident, input.limit),
    supplies.length === 0
      ? Promise.resolve([])
      : sql.query<{
          code: string;
          name: string;
          lon: number;
          lat: number;
          items: Array<{ item: string; unit: string; quantity: number }>;
        }>(
          `SELECT d.code, d.name, ST_X(d.location) AS lon, ST_Y(d.location) AS lat,
                  (SELECT json_agg(json_build_object('item', i.item, 'unit', i.unit, 'quantity', i.quantity)
                                   ORDER BY i.item)
                     FROM depot_inventory i WHERE i.depot_id = d.id AND i.item = ANY($4::text[]) AND i.quantity > 0) AS items
             FROM supply_depot d
            WHERE d.region_code LIKE $3
              AND EXISTS (SELECT 1 FROM depot_inventory i WHERE i.depot_id = d.id AND i.item = ANY($4::text[]) AND i.quantity > 0)
            ORDER BY d.location <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 5`,
          [incident.lon, incident.lat, scopePattern(scope), supplies],
        ),
    sql.query<{ code: string; name: string; lon: number; lat: number; capacity: number; status: string }>(
      `SELECT code, name, ST_X(location) AS lon, ST_Y(location) AS lat, capacity, status FROM shelter
        WHERE region_code LIKE $3 AND status <> 'closed'
        ORDER BY location <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 5`,
      [incident.lon, incident.lat, scopePattern(scope)],
    ),
    sql.query<{ code: string; name: string; lon: number; lat: number; grade: string; beds: number }>(
      `SELECT code, name, ST_X(location) AS lon, ST_Y(location) AS lat, grade, beds FROM hospital
        WHERE region_code LIKE $3
        ORDER BY location <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT 5`,
      [incident.lon, incident.lat, scopePattern(scope)],
    ),
  ]);
  const byCode = new Map(teams.map((t) => [t.code, t]));
  const ranked = recommendTeams(
    { type: incident.type, lon: incident.lon, lat: incident.lat, limit: input.limit },
    teams as CandidateTeam[],
    estimateTravel,
  );
  const km = (lon: number, lat: number) => Math.round(haversineKm([lon, lat], at) * 100) / 100;
  return {
    incident,
    teams: ranked.map((r) => {
      const t = byCode.get(r.teamCode) as TeamRow;
      return {
        ...r,
        etaMinutes: Math.round(r.etaMinutes * 10) / 10,
        distanceKm: Math.round(r.distanceKm * 100) / 100,
        teamName: t.name,
        members: t.members,
        lon: t.lon,
        lat: t.lat,
      };
    }),
    depots: depots.map((d) => ({
      ...d,
      distanceKm: km(d.lon, d.lat),
      etaMinutes: Math.round(estimateTravel([d.lon, d.lat], at, SUPPLY_TRUCK_PROFILE).minutes),
    })),
    shelters: shelters.map((s) => ({ ...s, distanceKm: km(s.lon, s.lat) })),
    hospitals: hospitals.map((h) => ({ ...h, distanceKm: km(h.lon, h.lat) })),
  };
}

/** The statuses of an incident that take new teams. A reported one must be verified first. */
const TAKES_TEAMS = new Set(['verified', 'responding', 'stabilized']);

/** A team as a unit on the map: what a live unit change is made of (`TEAM_COLUMNS`). */
export interface UnitRow {
  id: number;
  code: string;
  name: string;
  type: TeamType;
  status: TeamStatus;
  region_code: string;
  lon: number;
  lat: number;
  position_at: Date | null;
  speed_kmh: number | null;
  heading: number | null;
}

/** The live change that tells watchers where a unit is and what it is doing. */
export function unitChange(t: UnitRow): RegionalOperationsChange {
  return {
    kind: 'unit',
    id: t.id,
    teamCode: t.code,
    teamType: t.type,
    status: t.status,
    lon: t.lon,
    lat: t.lat,
    ts: new Date(t.position_at ?? Date.now()).toISOString(),
    speed: t.speed_kmh,
    heading: t.heading,
    regionCode: t.region_code,
  };
}

const TEAM_COLUMNS = `t.id, t.code, t.name, t.type, t.status, t.region_code, ST_X(t.location) AS lon,
  ST_Y(t.location) AS lat, t.position_at, t.speed_kmh, t.heading`;

/**
 * Sends teams to an incident with one task: all of them or none. A verified incident becomes
 * responding with its first dispatch. A team that is not available — taken a moment ago by
 * another operator, or simply busy — refuses the whole order with what it is doing now (409).
 */
export async function dispatchTeams(
  sql: SqlClient,
  caller: Caller,
  order: Required<DispatchOrder>,
): Promise<{ assignmentIds: number[]; changes: Changes }> {
  const changes: Changes = [];
  const codes = [...order.teamCodes].sort();
  const assignmentIds = await sql.transaction(async (tx) => {
    const incident = await lockIncident(tx, caller.scope, order.incidentId);
    if (!TAKES_TEAMS.has(incident.status)) {
      const label = incidentStatuses.labels[incident.status];
      throw new Refusal(
        'conflict',
        incident.status === 'reported'
          ? `${incident.code} must be verified before teams are sent / 事件须先核实，才能调派力量`
          : `${incident.code} is "${label.en}" and takes no teams / 事件为「${label.zh}」，不能调派`,
      );
    }
    // Rows are locked in code order first, so two orders sharing teams queue behind each other
    // instead of deadlocking; then the claim changes only the rows still available.
    await tx.query('SELECT id FROM rescue_team WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE', [
      codes,
    ]);
    const claimed = await tx.query<UnitRow>(
      `UPDATE rescue_team t SET status = 'dispatched'
        WHERE t.code = ANY($1::text[]) AND t.status = 'available' AND t.region_code LIKE $2
        RETURNING ${TEAM_COLUMNS}`,
      [codes, scopePattern(caller.scope)],
    );
    if (claimed.length < codes.length) {
      const got = new Set(claimed.map((t) => t.code));
      const missing = codes.filter((c) => !got.has(c));
      const rows = await tx.query<{ code: string; status: TeamStatus }>(
        'SELECT code, status FROM rescue_team WHERE code = ANY($1::text[]) AND region_code LIKE $2',
        [missing, scopePattern(caller.scope)],
      );
      const known = new Map(rows.map((r) => [r.code, r.status]));
      const first = missing[0] as string;
      const status = known.get(first);
      if (status === undefined) throw new Refusal('invalid', `no team ${first} in your region`, 'teamCodes');
      const label = teamStatuses.labels[status];
      throw new Refusal(
        'conflict',
        `team ${first} is "${label.en}", not available, and cannot be dispatched / 队伍${first}当前为「${label.zh}」，不能调派`,
      );
    }
    const at: [number, number] = [incident.lon, incident.lat];
    const trips = claimed.map((t) => estimateTravel([t.lon, t.lat], at, teamTravelProfiles[t.type]));
    const ids = await tx.query<{ id: number; team_id: number }>(
      `INSERT INTO assignment (incident_id, team_id, task, dispatched_by, eta_minutes, distance_km)
       SELECT $1, u.team_id, $2, $3, u.eta, u.km
         FROM unnest($4::int[], $5::float8[], $6::float8[]) AS u(team_id, eta, km)
       RETURNING id, team_id`,
      [
        incident.id,
        order.task,
        caller.actor,
        claimed.map((t) => t.id),
        trips.map((e) => e.minutes),
        trips.map((e) => e.distanceKm),
      ],
    );
    const assignmentOf = new Map(ids.map((r) => [r.team_id, r.id]));
    await appendIncidentEvent(tx, incident.id, 'dispatch', caller.actor, {
      task: order.task,
      teams: claimed.map((t, i) => ({
        code: t.code,
        name: t.name,
        type: t.type,
        assignmentId: assignmentOf.get(t.id),
        etaMinutes: Math.round((trips[i]?.minutes ?? 0) * 10) / 10,
      })),
    });
    if (incident.status === 'verified') {
      await tx.query(`UPDATE incident SET status = 'responding' WHERE id = $1`, [incident.id]);
      await appendIncidentEvent(tx, incident.id, 'transition', caller.actor, {
        from: 'verified',
        to: 'responding',
        cause: 'dispatch',
      });
    }
    for (const t of claimed) {
      changes.push(unitChange(t));
      changes.push({
        kind: 'assignment',
        id: assignmentOf.get(t.id) as number,
        incidentId: incident.id,
        teamCode: t.code,
        status: 'dispatched',
        regionCode: t.region_code,
      });
    }
    return claimed.map((t) => assignmentOf.get(t.id) as number);
  });
  const summary = await summaryOf(sql, caller.scope, order.incidentId);
  if (summary) changes.push(incidentChange(summary));
  return { assignmentIds, changes };
}

const STEP_COLUMN: Partial<Record<TeamStatus, string>> = {
  en_route: 'en_route_at',
  on_scene: 'on_scene_at',
  returning: 'returning_at',
};

export interface StepOutcome {
  incidentId: number;
  changes: Changes;
}

/**
 * Moves an assignment one step (途中, 到场, 返回, 待命) as reported by the team or its dispatcher,
 * or by the geofence (`source`). Available again ends it: completed after a return, recalled
 * before arriving. Runs inside the caller's transaction when given one.
 */
export async function stepAssignment(
  tx: SqlClient,
  scope: RegionScope,
  actor: string,
  input: { assignmentId: number; to: TeamStatus; note?: string | undefined },
  source: 'reported' | 'geofence' = 'reported',
): Promise<StepOutcome> {
  const [a] = await tx.query<
    UnitRow & {
      assignment_id: number;
      incident_id: number;
      ended_at: Date | null;
      team_status: TeamStatus;
    }
  >(
    `SELECT a.id AS assignment_id, a.incident_id, a.ended_at, t.status AS team_status, ${TEAM_COLUMNS}
       FROM assignment a JOIN rescue_team t ON t.id = a.team_id
      WHERE a.id = $1 AND t.region_code LIKE $2 FOR UPDATE OF a, t`,
    [input.assignmentId, scopePattern(scope)],
  );
  if (!a) throw new Refusal('not_found', `no assignment ${input.assignmentId}`);
  if (a.ended_at) throw new Refusal('conflict', `assignment ${input.assignmentId} has ended`);
  const check = assignmentTransition(a.team_status, input.to);
  if (!check.ok) throw new Refusal('conflict', `${check.reason.en} / ${check.reason.zh}`);
  const ends = input.to === 'available';
  const assignmentStatus = ends ? assignmentEnd(a.team_status) : input.to;
  const column = STEP_COLUMN[input.to];
  await tx.query(
    `UPDATE assignment SET status = $2${column ? `, ${column} = now()` : ''}${ends ? ', ended_at = now()' : ''}
            ${input.to === 'on_scene' ? ', arrival_source = $3' : ''}
      WHERE id = $1`,
    input.to === 'on_scene'
      ? [a.assignment_id, assignmentStatus, source]
      : [a.assignment_id, assignmentStatus],
  );
  await tx.query('UPDATE rescue_team SET status = $2 WHERE id = $1', [a.id, input.to]);
  await appendIncidentEvent(tx, a.incident_id, input.to === 'on_scene' ? 'arrival' : 'assignment', actor, {
    assignmentId: a.assignment_id,
    team: a.code,
    teamName: a.name,
    from: a.team_status,
    to: input.to,
    ...(ends ? { ended: assignmentStatus } : {}),
    ...(source === 'geofence' ? { source } : {}),
    ...(input.note ? { note: input.note } : {}),
  });
  return {
    incidentId: a.incident_id,
    changes: [
      unitChange({ ...a, status: input.to }),
      {
        kind: 'assignment',
        id: a.assignment_id,
        incidentId: a.incident_id,
        teamCode: a.code,
        status: assignmentStatus,
        regionCode: a.region_code,
      },
    ],
  };
}

/** `stepAssignment` in its own transaction, with the incident's change for live watchers. */
export async function reportAssignmentStep(
  sql: SqlClient,
  caller: Caller,
  input: { assignmentId: number; to: TeamStatus; note?: string | undefined },
): Promise<Changes> {
  const outcome = await sql.transaction((tx) => stepAssignment(tx, caller.scope, caller.actor, input));
  const summary = await summaryOf(sql, caller.scope, outcome.incidentId);
  return summary ? [...outcome.changes, incidentChange(summary)] : outcome.changes;
}

/** A team out on an assignment, with where it is, where it started and where it is sent. */
export interface ActiveUnit {
  assignmentId: number;
  teamCode: string;
  teamType: TeamType;
  status: TeamStatus;
  dispatchedAt: string;
  position: [number, number];
  base: [number, number];
  scene: [number, number];
}

/** The teams with an assignment in progress in a region: what the unit simulator drives. */
export async function activeUnits(sql: SqlClient, scope: RegionScope): Promise<ActiveUnit[]> {
  const rows = await sql.query<{
    assignment_id: number;
    code: string;
    type: TeamType;
    status: TeamStatus;
    dispatched_at: Date;
    lon: number;
    lat: number;
    base_lon: number;
    base_lat: number;
    scene_lon: number;
    scene_lat: number;
  }>(
    `SELECT a.id AS assignment_id, t.code, t.type, t.status, a.dispatched_at,
            ST_X(t.location) AS lon, ST_Y(t.location) AS lat,
            ST_X(t.base_location) AS base_lon, ST_Y(t.base_location) AS base_lat,
            ST_X(i.location) AS scene_lon, ST_Y(i.location) AS scene_lat
       FROM assignment a JOIN rescue_team t ON t.id = a.team_id JOIN incident i ON i.id = a.incident_id
      WHERE a.ended_at IS NULL AND t.region_code LIKE $1 ORDER BY a.id`,
    [scopePattern(scope)],
  );
  return rows.map((r) => ({
    assignmentId: r.assignment_id,
    teamCode: r.code,
    teamType: r.type,
    status: r.status,
    dispatchedAt: new Date(r.dispatched_at).toISOString(),
    position: [r.lon, r.lat],
    base: [r.base_lon, r.base_lat],
    scene: [r.scene_lon, r.scene_lat],
  }));
}
