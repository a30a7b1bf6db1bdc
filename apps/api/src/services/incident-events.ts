import type { IncidentEvent, IncidentEventKind } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';

/**
 * The incident timeline (事件时间线): every event of an incident, appended in the transaction that
 * made it, never changed afterwards. Each append also marks the incident updated, so lists sorted
 * by "last activity" and live watchers see it move.
 */
export async function appendIncidentEvent(
  tx: SqlClient,
  incidentId: number,
  kind: IncidentEventKind,
  actor: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.query(
    `WITH e AS (INSERT INTO incident_event (incident_id, kind, actor, details) VALUES ($1, $2, $3, $4::jsonb))
     UPDATE incident SET updated_at = now() WHERE id = $1`,
    [incidentId, kind, actor, JSON.stringify(details)],
  );
}

interface EventRow {
  id: number;
  at: Date;
  kind: IncidentEventKind;
  actor: string;
  details: Record<string, unknown>;
}

/** An incident's timeline, oldest first. */
export async function incidentTimeline(sql: SqlClient, incidentId: number): Promise<IncidentEvent[]> {
  const rows = await sql.query<EventRow>(
    'SELECT id, at, kind, actor, details FROM incident_event WHERE incident_id = $1 ORDER BY id',
    [incidentId],
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    actor: r.actor,
    details: r.details,
  }));
}
