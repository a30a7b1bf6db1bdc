import {
  type AssignmentView,
  type Casualties,
  type CasualtiesInput,
  DUPLICATE_WINDOW_H,
  duplicateRadiusKm,
  type IncidentCreate,
  type IncidentDetail,
  type IncidentIntake,
  type IncidentLevel,
  type IncidentQuery,
  type IncidentStatus,
  type IncidentSummary,
  type IncidentType,
  incidentClassOfType,
  incidentQuerySchema,
  incidentStatuses,
  incidentTransition,
  levelContradicts,
  nextIncidentStatuses,
  type PossibleDuplicate,
  suggestIncidentLevel,
  type TeamStatus,
  type TeamType,
  teamTravelProfiles,
  terminalIncidentStatuses,
} from '@onemap/domain';
import { estimateTravel } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import type { RegionalOperationsChange } from '../events/operations.js';
import type { Caller } from './actor.js';
import { appendIncidentEvent, incidentTimeline } from './incident-events.js';
import { Refusal } from './refusal.js';
import { regionAt } from './regions.js';
import { linkReportsToIncident } from './reports.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * Incidents (突发事件接报与处置): intake with the level suggestion and a duplicate check, the
 * lifecycle with its timeline, assessments and notes. The rules are `@onemap/domain`'s; this owns
 * the SQL and applies them under a row lock, so two operators moving one incident at once are
 * served one after the other and the second is judged against the first one's result.
 */

/** What a change produced for operators watching live; published by the caller after commit. */
export type Changes = RegionalOperationsChange[];

/** The casualty columns of an incident row. */
interface CasualtyColumns {
  deaths: number;
  missing: number;
  seriously_injured: number;
  injuries: number;
  direct_loss_yuan: number;
  affected_people: number;
}

function casualtiesOf(r: CasualtyColumns): Required<Casualties> {
  return {
    deaths: r.deaths,
    missing: r.missing,
    seriouslyInjured: r.seriously_injured,
    injured: r.injuries,
    directLossYuan: r.direct_loss_yuan,
    affectedPeople: r.affected_people,
  };
}

interface SummaryRow extends CasualtyColumns {
  id: number;
  code: string;
  title: string;
  class: IncidentSummary['class'];
  type: IncidentType;
  level: IncidentLevel;
  status: IncidentStatus;
  source: string;
  region_code: string | null;
  region_name: string | null;
  lon: number;
  lat: number;
  occurred_at: Date;
  reported_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  on_scene: number;
  en_route: number;
}

const SUMMARY = `SELECT i.id, i.code, i.title, i.class, i.type, i.level, i.status, i.source, i.region_code,
       r.name AS region_name, ST_X(i.location) AS lon, ST_Y(i.location) AS lat, i.occurred_at,
       i.reported_at, i.updated_at, i.closed_at, i.deaths, i.missing, i.seriously_injured, i.injuries,
       i.direct_loss_yuan::float8 AS direct_loss_yuan, i.affected_people,
       COALESCE(a.on_scene, 0)::int AS on_scene, COALESCE(a.en_route, 0)::int AS en_route
  FROM incident i
  LEFT JOIN region r ON r.code = i.region_code
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE status = 'on_scene') AS on_scene,
           count(*) FILTER (WHERE status IN ('dispatched', 'en_route')) AS en_route
      FROM assignment WHERE incident_id = i.id AND ended_at IS NULL) a ON true`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toSummary(r: SummaryRow): IncidentSummary {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    class: r.class,
    type: r.type,
    level: r.level,
    status: r.status,
    source: r.source,
    regionCode: r.region_code,
    regionName: r.region_name,
    lon: r.lon,
    lat: r.lat,
    occurredAt: new Date(r.occurred_at).toISOString(),
    reportedAt: new Date(r.reported_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    closedAt: iso(r.closed_at),
    casualties: casualtiesOf(r),
    teamsOnScene: r.on_scene,
    teamsEnRoute: r.en_route,
  };
}

/** Region visibility: an incident is seen by the callers whose region holds its region. */
const IN_SCOPE = `(i.region_code LIKE $1)`;

/** Incidents in the caller's region, latest occurrence first. */
export async function listIncidents(
  sql: SqlClient,
  scope: RegionScope,
  query: IncidentQuery,
): Promise<IncidentSummary[]> {
  const q = incidentQuerySchema.parse(query);
  const rows = await sql.query<SummaryRow>(
    `${SUMMARY}
      WHERE ${IN_SCOPE}
        AND ($2::text[] IS NULL OR i.status = ANY($2::text[]))
        AND ($3::timestamptz IS NULL OR i.occurred_at >= $3)
        AND ($4::timestamptz IS NULL OR i.occurred_at < $4)
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT $5`,
    [scopePattern(scope), q.status ?? null, q.since ?? null, q.until ?? null, q.limit],
  );
  return rows.map(toSummary);
}

/** One incident as the lists show it (no timeline, no assignments). */
export async function summaryOf(
  sql: SqlClient,
  scope: RegionScope,
  id: number,
): Promise<IncidentSummary | null> {
  const rows = await sql.query<SummaryRow>(`${SUMMARY} WHERE ${IN_SCOPE} AND i.id = $2`, [
    scopePattern(scope),
    id,
  ]);
  return rows[0] ? toSummary(rows[0]) : null;
}

interface AssignmentRow {
  id: number;
  team_code: string;
  team_name: string;
  team_type: TeamType;
  team_status: TeamStatus;
  status: AssignmentView['status'];
  task: string;
  dispatched_by: string;
  dispatched_at: Date;
  en_route_at: Date | null;
  on_scene_at: Date | null;
  returning_at: Date | null;
  ended_at: Date | null;
  arrival_source: AssignmentView['arrivalSource'];
  lon: number;
  lat: number;
  position_at: Date | null;
}

/**
 * The assignments of an incident with the time still to go of each team on its way: from the
 * team's latest position, plus what is left of its turn-out while it has not left.
 */
export async function incidentAssignments(
  sql: SqlClient,
  incident: { id: number; lon: number; lat: number },
  now = Date.now(),
): Promise<AssignmentView[]> {
  const rows = await sql.query<AssignmentRow>(
    `SELECT a.id, t.code AS team_code, t.name AS team_name, t.type AS team_type, t.status AS team_status,
            a.status, a.task, a.dispatched_by, a.dispatched_at, a.en_route_at, a.on_scene_at,
            a.returning_at, a.ended_at, a.arrival_source, ST_X(t.location) AS lon, ST_Y(t.location) AS lat,
            t.position_at
       FROM assignment a JOIN rescue_team t ON t.id = a.team_id
      WHERE a.incident_id = $1 ORDER BY a.id`,
    [incident.id],
  );
  return rows.map((r) => {
    let etaMinutes: number | null = null;
    let distanceKm: number | null = null;
    if (r.status === 'dispatched' || r.status === 'en_route') {
      const profile = teamTravelProfiles[r.team_type];
      const trip = estimateTravel([r.lon, r.lat], [incident.lon, incident.lat], {
        ...profile,
        turnoutMin: 0,
      });
      const sinceOrder = (now - new Date(r.dispatched_at).getTime()) / 60_000;
      const turnoutLeft = r.status === 'dispatched' ? Math.max(0, profile.turnoutMin - sinceOrder) : 0;
      etaMinutes = Math.round((trip.minutes + turnoutLeft) * 10) / 10;
      distanceKm = Math.round(trip.distanceKm * 100) / 100;
    }
    return {
      id: r.id,
      teamCode: r.team_code,
      teamName: r.team_name,
      teamType: r.team_type,
      status: r.status,
      task: r.task,
      dispatchedBy: r.dispatched_by,
      dispatchedAt: new Date(r.dispatched_at).toISOString(),
      enRouteAt: iso(r.en_route_at),
      onSceneAt: iso(r.on_scene_at),
      returningAt: iso(r.returning_at),
      endedAt: iso(r.ended_at),
      arrivalSource: r.arrival_source,
      etaMinutes,
      distanceKm,
      lon: r.lon,
      lat: r.lat,
      positionAt: iso(r.position_at),
    };
  });
}

/** One incident with its assignments, timeline and the level its figures suggest. */
export async function getIncident(
  sql: SqlClient,
  scope: RegionScope,
  id: number,
): Promise<IncidentDetail | null> {
  const summary = await summaryOf(sql, scope, id);
  if (!summary) return null;
  const [extra] = await sql.query<{
    description: string | null;
    reported_by: string | null;
    merged_id: number | null;
    merged_code: string | null;
  }>(
    `SELECT i.description, i.reported_by, m.id AS merged_id, m.code AS merged_code
       FROM incident i LEFT JOIN incident m ON m.id = i.merged_into_id WHERE i.id = $1`,
    [id],
  );
  const [assignments, timeline] = await Promise.all([
    incidentAssignments(sql, summary),
    incidentTimeline(sql, id),
  ]);
  return {
    ...summary,
    description: extra?.description ?? null,
    reportedBy: extra?.reported_by ?? null,
    mergedInto: extra?.merged_id ? { id: extra.merged_id, code: extra.merged_code as string } : null,
    suggestion: suggestIncidentLevel({ type: summary.type, ...summary.casualties }),
    nextStatuses: nextIncidentStatuses(summary.status),
    assignments,
    timeline,
  };
}

/**
 * Open incidents of the same type near a point and close in time: what an operator is shown before
 * saving a new one (two callers, one fire). Nearest first.
 */
export async function possibleDuplicates(
  sql: SqlClient,
  scope: RegionScope,
  probe: { type: IncidentType; lon: number; lat: number; occurredAt?: string | undefined },
): Promise<PossibleDuplicate[]> {
  const at = probe.occurredAt ? new Date(probe.occurredAt) : new Date();
  const windowMs = DUPLICATE_WINDOW_H * 3_600_000;
  const rows = await sql.query<{
    id: number;
    code: string;
    title: string;
    status: IncidentStatus;
    level: IncidentLevel;
    occurred_at: Date;
    distance_m: number;
  }>(
    `SELECT i.id, i.code, i.title, i.status, i.level, i.occurred_at,
            ST_Distance(i.location::geography, p.g::geography) AS distance_m
       FROM incident i, (SELECT ST_SetSRID(ST_MakePoint($3, $4), 4326) AS g) p
      WHERE ${IN_SCOPE} AND i.type = $2
        AND i.status NOT IN ('closed', 'merged', 'cancelled')
        AND i.occurred_at BETWEEN $5 AND $6
        AND ST_DWithin(i.location::geography, p.g::geography, $7)
      ORDER BY distance_m, i.id LIMIT 20`,
    [
      scopePattern(scope),
      probe.type,
      probe.lon,
      probe.lat,
      new Date(at.getTime() - windowMs),
      new Date(at.getTime() + windowMs),
      duplicateRadiusKm(probe.type) * 1000,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status,
    level: r.level,
    occurredAt: new Date(r.occurred_at).toISOString(),
    distanceKm: Math.round(r.distance_m / 10) / 100,
  }));
}

function casualtyColumns(c: CasualtiesInput | undefined) {
  return [
    c?.deaths ?? 0,
    c?.missing ?? 0,
    c?.seriouslyInjured ?? 0,
    c?.injured ?? 0,
    c?.directLossYuan ?? 0,
    c?.affectedPeople ?? 0,
  ];
}

export interface IntakeResult {
  incident: IncidentDetail;
  /** Open incidents of the same type nearby that the intake went ahead despite. */
  possibleDuplicates: PossibleDuplicate[];
  changes: Changes;
}

/**
 * What an intake links to the new incident inside its transaction (an alarm, public reports), and
 * the changes that makes for live watchers.
 */
export type IntakeLink = (tx: SqlClient, incidentId: number, caller: Caller) => Promise<Changes | undefined>;

/**
 * Takes an incident in. Its region follows from its location (an incident at sea is filed under
 * the caller's region); a location outside the caller's region is refused. Unless the caller
 * confirms having seen them, open incidents of the same type nearby refuse the intake (409) and
 * are listed. The level is the declared one, else the suggestion from the figures.
 */
export async function takeInIncident(
  sql: SqlClient,
  caller: Caller,
  input: IncidentCreate & Partial<Pick<IncidentIntake, 'source' | 'confirmNotDuplicate'>>,
  links: readonly IntakeLink[] = [],
): Promise<IntakeResult> {
  const regionCode = (await regionAt(sql, input.lon, input.lat)) ?? caller.regionCode;
  if (!regionCode.startsWith(caller.scope.prefix)) {
    throw new Refusal('forbidden', `the location is in region ${regionCode}, outside your region`);
  }
  const duplicates = await possibleDuplicates(sql, caller.scope, input);
  if (duplicates.length > 0 && input.confirmNotDuplicate === false) {
    throw new DuplicateRefusal(duplicates);
  }
  const suggestion = suggestIncidentLevel({ type: input.type, ...input.casualties });
  const level = input.level ?? suggestion.level;
  const linked: Changes = [];
  const id = await sql.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO incident (code, title, class, type, level, status, source, description, region_code,
                             deaths, missing, seriously_injured, injuries, direct_loss_yuan, affected_people,
                             occurred_at, reported_by, location)
       VALUES ('INC-' || nextval(pg_get_serial_sequence('incident', 'id'))::text, $1, $2, $3, $4, 'reported',
               $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, ST_SetSRID(ST_MakePoint($16, $17), 4326))
       RETURNING id`,
      [
        input.title,
        incidentClassOfType[input.type],
        input.type,
        level,
        input.source ?? 'agency',
        input.description ?? null,
        regionCode,
        ...casualtyColumns(input.casualties),
        input.occurredAt ?? new Date().toISOString(),
        caller.actor,
        input.lon,
        input.lat,
      ],
    );
    const newId = (row as { id: number }).id;
    // A readable code: INC, the day it occurred, the id (unique on its own).
    await tx.query(
      `UPDATE incident SET code = 'INC' || to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')
                                 || '-' || lpad(id::text, 6, '0') WHERE id = $1`,
      [newId],
    );
    await appendIncidentEvent(tx, newId, 'created', caller.actor, {
      source: input.source ?? 'agency',
      level,
      suggestedLevel: suggestion.level,
      rule: suggestion.rule,
      ...(duplicates.length > 0 ? { possibleDuplicates: duplicates.map((d) => d.code) } : {}),
    });
    for (const link of links) linked.push(...((await link(tx, newId, caller)) ?? []));
    return newId;
  });
  const incident = (await getIncident(sql, caller.scope, id)) as IncidentDetail;
  return { incident, possibleDuplicates: duplicates, changes: [incidentChange(incident), ...linked] };
}

/** Refused because open incidents of the same type are nearby; the caller lists them. */
export class DuplicateRefusal extends Refusal {
  constructor(readonly duplicates: PossibleDuplicate[]) {
    super(
      'conflict',
      `possible duplicate of ${duplicates.map((d) => `${d.code} (${d.distanceKm} km)`).join(', ')}; confirm to take it in anyway`,
      'confirmNotDuplicate',
    );
  }
}

export function incidentChange(i: IncidentSummary): RegionalOperationsChange {
  return {
    kind: 'incident',
    id: i.id,
    code: i.code,
    status: i.status,
    level: i.level,
    regionCode: i.regionCode,
  };
}

interface LockedIncident extends CasualtyColumns {
  id: number;
  code: string;
  type: IncidentType;
  level: IncidentLevel;
  status: IncidentStatus;
  region_code: string | null;
  lon: number;
  lat: number;
}

/** Reads and locks an incident in the caller's region for a change; refuses when it is not there. */
export async function lockIncident(tx: SqlClient, scope: RegionScope, id: number): Promise<LockedIncident> {
  const [row] = await tx.query<LockedIncident>(
    `SELECT id, code, type, level, status, region_code, ST_X(location) AS lon, ST_Y(location) AS lat,
            deaths, missing, seriously_injured, injuries,
            direct_loss_yuan::float8 AS direct_loss_yuan, affected_people
       FROM incident i WHERE i.id = $2 AND ${IN_SCOPE} FOR UPDATE`,
    [scopePattern(scope), id],
  );
  if (!row) throw new Refusal('not_found', `no incident ${id}`);
  return row;
}

const terminal = new Set<IncidentStatus>(terminalIncidentStatuses);

/**
 * Moves an incident through its lifecycle. Closing waits for the teams: while any is still
 * dispatched, on its way or on scene the incident is not closed. Merging needs the incident it
 * duplicates (`into`), which must be open; its open assignments and its reports move there.
 */
export async function transitionIncident(
  sql: SqlClient,
  caller: Caller,
  input: { id: number; to: IncidentStatus; note?: string | undefined; into?: number | undefined },
): Promise<{ incident: IncidentDetail; changes: Changes }> {
  const touched = new Set<number>([input.id]);
  await sql.transaction(async (tx) => {
    if (input.to === 'merged' && input.into !== undefined) {
      // Both rows locked in id order, so two operators merging a pair each way cannot deadlock.
      await tx.query('SELECT id FROM incident WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE', [
        [input.id, input.into],
      ]);
    }
    const incident = await lockIncident(tx, caller.scope, input.id);
    const check = incidentTransition(incident.status, input.to);
    if (!check.ok) throw new Refusal('conflict', `${check.reason.en} / ${check.reason.zh}`);
    const details: Record<string, unknown> = {
      from: incident.status,
      to: input.to,
      ...(input.note ? { note: input.note } : {}),
    };
    if (input.to === 'closed') {
      const [busy] = await tx.query<{ teams: string[] | null }>(
        `SELECT array_agg(t.code ORDER BY t.code) AS teams FROM assignment a JOIN rescue_team t ON t.id = a.team_id
          WHERE a.incident_id = $1 AND a.ended_at IS NULL AND a.status IN ('dispatched', 'en_route', 'on_scene')`,
        [incident.id],
      );
      if (busy?.teams?.length) {
        throw new Refusal(
          'conflict',
          `teams ${busy.teams.join(', ')} are still committed; stand them down before closing / 仍有队伍在处置，须先撤回`,
        );
      }
    }
    if (input.to === 'merged') {
      if (input.into === undefined) throw new Refusal('invalid', 'name the incident it duplicates', 'into');
      if (input.into === incident.id)
        throw new Refusal('invalid', 'an incident cannot merge into itself', 'into');
      const survivor = await lockIncident(tx, caller.scope, input.into).catch(() => {
        throw new Refusal('invalid', `no incident ${input.into} in your region`, 'into');
      });
      if (terminal.has(survivor.status)) {
        throw new Refusal(
          'invalid',
          `${survivor.code} is ${survivor.status} and cannot take a merge`,
          'into',
        );
      }
      touched.add(survivor.id);
      const moved = await tx.query<{ id: number }>(
        'UPDATE assignment SET incident_id = $2 WHERE incident_id = $1 AND ended_at IS NULL RETURNING id',
        [incident.id, survivor.id],
      );
      await tx.query('UPDATE public_report SET incident_id = $2 WHERE incident_id = $1', [
        incident.id,
        survivor.id,
      ]);
      await tx.query('UPDATE incident SET merged_into_id = $2 WHERE id = $1', [incident.id, survivor.id]);
      details.into = survivor.code;
      await appendIncidentEvent(tx, survivor.id, 'merged_in', caller.actor, {
        from: incident.code,
        assignmentsMoved: moved.length,
      });
    }
    await tx.query(
      `UPDATE incident SET status = $2,
              closed_at = CASE WHEN $2 IN ('closed', 'merged', 'cancelled') THEN now() ELSE NULL END
        WHERE id = $1`,
      [incident.id, input.to],
    );
    await appendIncidentEvent(tx, incident.id, 'transition', caller.actor, details);
  });
  const incident = (await getIncident(sql, caller.scope, input.id)) as IncidentDetail;
  const changes: Changes = [];
  for (const id of touched) {
    const s = id === input.id ? incident : await summaryOf(sql, caller.scope, id);
    if (s) changes.push(incidentChange(s));
  }
  return { incident, changes };
}

/** A note in the timeline. Closed incidents still take notes: the after-action record grows. */
export async function noteIncident(
  sql: SqlClient,
  caller: Caller,
  input: { id: number; text: string },
): Promise<{ incident: IncidentDetail; changes: Changes }> {
  await sql.transaction(async (tx) => {
    await lockIncident(tx, caller.scope, input.id);
    await appendIncidentEvent(tx, input.id, 'note', caller.actor, { text: input.text });
  });
  const incident = (await getIncident(sql, caller.scope, input.id)) as IncidentDetail;
  return { incident, changes: [incidentChange(incident)] };
}

/**
 * New figures or a new level. The figures replace the ones given (a missing figure keeps its
 * value); the level may not end below what the figures require (`levelContradicts`), and the
 * timeline keeps the old and new values.
 */
export async function assessIncident(
  sql: SqlClient,
  caller: Caller,
  input: {
    id: number;
    level?: IncidentLevel | undefined;
    casualties?: CasualtiesInput | undefined;
    note?: string | undefined;
  },
): Promise<{ incident: IncidentDetail; changes: Changes }> {
  await sql.transaction(async (tx) => {
    const i = await lockIncident(tx, caller.scope, input.id);
    if (terminal.has(i.status)) {
      throw new Refusal(
        'conflict',
        `${i.code} is ${incidentStatuses.labels[i.status].en}; its record is final`,
      );
    }
    const before = casualtiesOf(i);
    const after: Required<Casualties> = { ...before };
    for (const [k, v] of Object.entries(input.casualties ?? {}) as Array<
      [keyof Casualties, number | undefined]
    >) {
      if (v !== undefined) after[k] = v;
    }
    const level = input.level ?? i.level;
    const contradiction = levelContradicts(i.type, level, after);
    if (contradiction) {
      throw new Refusal('invalid', `${contradiction.reason.en} / ${contradiction.reason.zh}`, 'level');
    }
    await tx.query(
      `UPDATE incident SET level = $2, deaths = $3, missing = $4, seriously_injured = $5, injuries = $6,
              direct_loss_yuan = $7, affected_people = $8 WHERE id = $1`,
      [
        i.id,
        level,
        after.deaths,
        after.missing,
        after.seriouslyInjured,
        after.injured,
        after.directLossYuan,
        after.affectedPeople,
      ],
    );
    const changed = Object.fromEntries(
      (Object.keys(after) as Array<keyof Casualties>)
        .filter((k) => after[k] !== before[k])
        .map((k) => [k, { from: before[k], to: after[k] }]),
    );
    await appendIncidentEvent(tx, i.id, 'assessment', caller.actor, {
      ...(level !== i.level ? { level: { from: i.level, to: level } } : {}),
      ...(Object.keys(changed).length ? { casualties: changed } : {}),
      suggestedLevel: suggestIncidentLevel({ type: i.type, ...after }).level,
      ...(input.note ? { note: input.note } : {}),
    });
  });
  const incident = (await getIncident(sql, caller.scope, input.id)) as IncidentDetail;
  return { incident, changes: [incidentChange(incident)] };
}

/** An alarm the incident is opened from, linked in its timeline. */
export function linkAlarm(alarmId: number): IntakeLink {
  return async (tx, incidentId, caller) => {
    const [alarm] = await tx.query<{ sensor_code: string; rule: string; level: string }>(
      `SELECT s.code AS sensor_code, a.rule, a.level FROM alarm a JOIN sensor s ON s.id = a.sensor_id
        WHERE a.id = $1 AND s.region_code LIKE $2`,
      [alarmId, scopePattern(caller.scope)],
    );
    if (!alarm) throw new Refusal('invalid', `no alarm ${alarmId} in your region`, 'fromAlarmId');
    await appendIncidentEvent(tx, incidentId, 'alarm_linked', caller.actor, {
      alarmId,
      sensorCode: alarm.sensor_code,
      rule: alarm.rule,
      level: alarm.level,
    });
    return undefined;
  };
}

/** Public reports the incident is opened from: verified as its source, in its timeline. */
export function linkReports(reportIds: readonly number[]): IntakeLink {
  return (tx, incidentId, caller) =>
    linkReportsToIncident(tx, caller.scope, caller.actor, reportIds, incidentId);
}
