import { randomInt } from 'node:crypto';
import {
  maskPhone,
  type PublicReport,
  type PublicReportCategory,
  publicReportCategories,
  REPORT_CLUSTER_MIN,
  REPORT_CLUSTER_RADIUS_KM,
  REPORTS_PER_SOURCE_PER_HOUR,
  type ReportCluster,
  type ReportReceipt,
  type ReportStatus,
  type ReportView,
  reportCategoryIncidentType,
  reportQueueQuerySchema,
} from '@onemap/domain';
import { clusterPoints, type LonLat } from '@onemap/geo';
import type { SqlClient } from '@onemap/prisma';
import type { z } from 'zod';
import type { RegionalOperationsChange } from '../events/operations.js';
import { appendIncidentEvent } from './incident-events.js';
import { Refusal } from './refusal.js';
import { regionAt } from './regions.js';
import type { PreparedPhoto } from './report-photos.js';
import { type RegionScope, scopePattern } from './scope.js';

/**
 * Public reports (全民感知): taking them in from anyone, and the operators' review of the queue —
 * rejecting them, attaching them to an incident, or opening an incident from them (the incident
 * intake calls `linkReportsToIncident` in its own transaction). All database access for reports
 * is here.
 *
 * Region scope: a report takes the region its point lies in; a caller sees and reviews the
 * reports of their region. A report with no region (a point outside China's regions) is the
 * national level's business only.
 */

/** A report's move, to publish on the operations bus once its transaction has committed. */
export type ReportChange = Extract<RegionalOperationsChange, { kind: 'report' }>;

/** One source sent more than REPORTS_PER_SOURCE_PER_HOUR reports within an hour: answered 429. */
export class ReportFloodError extends Refusal {
  override name = 'ReportFloodError';
  constructor() {
    super(
      'conflict',
      `more than ${REPORTS_PER_SOURCE_PER_HOUR} reports from one source within an hour; try again later, and in an emergency call 119 or 110`,
    );
  }
}

/** What the reporter is told, and what the caller needs to announce the new report. */
export interface SubmittedReport {
  id: number;
  regionCode: string | null;
  receipt: ReportReceipt;
}

/** Key space of the per-source advisory lock (the audit trail's lock is a single-key one). */
const SOURCE_LOCK = 7_270_002;

/** Crockford's base32: no I, L, O or U, so a reference read out over the phone is not misheard. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "R" and 10 random characters: 50 bits, unguessable, so a reference reveals no other report. */
const newReference = () =>
  `R${Array.from({ length: 10 }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join('')}`;

/**
 * Stores a report (and its photo) from a source (an opaque hash of where it came from), unless
 * that source already sent REPORTS_PER_SOURCE_PER_HOUR within the hour before `now`. The report
 * takes the most specific region containing its point, or none outside China's regions.
 *
 * @throws ReportFloodError for a source over its limit; nothing is stored then.
 */
export async function submitReport(
  sql: SqlClient,
  input: PublicReport,
  photo: PreparedPhoto | null,
  sourceHash: string,
  now = new Date(),
): Promise<SubmittedReport> {
  return sql.transaction(async (tx) => {
    // One source's reports are counted and added one at a time, so two sent at once cannot both
    // be the last one allowed.
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SOURCE_LOCK, sourceHash]);
    const [sent] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM public_report
        WHERE source_hash = $1 AND received_at > $2::timestamptz - interval '1 hour'`,
      [sourceHash, now],
    );
    if ((sent?.n ?? 0) >= REPORTS_PER_SOURCE_PER_HOUR) throw new ReportFloodError();
    const regionCode = await regionAt(tx, input.lon, input.lat);
    // A reference is new with near certainty; on the rare collision a second draw settles it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const reference = newReference();
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO public_report
           (reference, category, description, contact, status, region_code, received_at, source_hash, location)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326))
         ON CONFLICT (reference) DO NOTHING
         RETURNING id`,
        [
          reference,
          input.category,
          input.description,
          input.contact ?? null,
          regionCode,
          now,
          sourceHash,
          input.lon,
          input.lat,
        ],
      );
      if (!row) continue;
      if (photo) {
        await tx.query(
          'INSERT INTO public_report_photo (report_id, mime, width, height, bytes) VALUES ($1, $2, $3, $4, $5)',
          [row.id, photo.mime, photo.width, photo.height, photo.bytes],
        );
      }
      return {
        id: row.id,
        regionCode,
        receipt: { reference, receivedAt: now.toISOString(), status: 'pending' },
      };
    }
    throw new Error('two report references drawn in a row were taken');
  });
}

/** SQL for "row `t` is in the scope whose pattern is $1": one with no region only in the national scope. */
const inScope = (t: string) => `(${t}.region_code LIKE $1 OR ($1 = '%' AND ${t}.region_code IS NULL))`;

interface ViewRow {
  id: number;
  reference: string;
  category: PublicReportCategory;
  description: string;
  contact: string | null;
  status: ReportStatus;
  region_code: string | null;
  region_name: string | null;
  incident_id: number | null;
  incident_code: string | null;
  received_at: Date;
  reviewed_by: string | null;
  review_note: string | null;
  lon: number;
  lat: number;
  has_photo: boolean;
}

/**
 * The queue: the caller's reports of the statuses asked for, newest first. Pending reports near
 * each other (REPORT_CLUSTER_RADIUS_KM, chained, at least REPORT_CLUSTER_MIN of them) share a
 * cluster id: the id of the cluster's first report, so it stays put while later reports join.
 * Clusters are found among the reports listed, within the limit. Contacts are masked unless
 * `revealContact` (the caller may read sensitive data).
 */
export async function listReports(
  sql: SqlClient,
  scope: RegionScope,
  raw: z.input<typeof reportQueueQuerySchema>,
  revealContact: boolean,
): Promise<ReportView[]> {
  const q = reportQueueQuerySchema.parse(raw);
  const rows = await sql.query<ViewRow>(
    `SELECT r.id, r.reference, r.category, r.description, r.contact, r.status, r.region_code,
            g.name AS region_name, r.incident_id, i.code AS incident_code, r.received_at, r.reviewed_by,
            r.review_note, ST_X(r.location) AS lon, ST_Y(r.location) AS lat,
            EXISTS (SELECT 1 FROM public_report_photo p WHERE p.report_id = r.id) AS has_photo
       FROM public_report r
       LEFT JOIN region g ON g.code = r.region_code
       LEFT JOIN incident i ON i.id = r.incident_id
      WHERE ${inScope('r')} AND r.status = ANY($2::text[])
      ORDER BY r.received_at DESC, r.id DESC LIMIT $3`,
    [scopePattern(scope), q.status, q.limit],
  );
  const pending = rows.filter((r) => r.status === 'pending');
  const clusterOf = new Map<number, number>();
  const points = pending.map((r): LonLat => [r.lon, r.lat]);
  for (const group of clusterPoints(points, REPORT_CLUSTER_RADIUS_KM, REPORT_CLUSTER_MIN)) {
    const ids = group.map((i) => (pending[i] as ViewRow).id);
    const id = Math.min(...ids);
    for (const member of ids) clusterOf.set(member, id);
  }
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    category: r.category,
    description: r.description,
    contact: r.contact === null || revealContact ? r.contact : maskPhone(r.contact),
    status: r.status,
    regionCode: r.region_code,
    regionName: r.region_name,
    incidentId: r.incident_id,
    incidentCode: r.incident_code,
    receivedAt: new Date(r.received_at).toISOString(),
    reviewedBy: r.reviewed_by,
    reviewNote: r.review_note,
    lon: r.lon,
    lat: r.lat,
    hasPhoto: r.has_photo,
    cluster: clusterOf.get(r.id) ?? null,
  }));
}

/**
 * The clusters of listed reports (by their `cluster` ids), largest first: where they are (the
 * mean of their points: clusters span a few km, where that is as good as a geodesic centre), what
 * they report, most frequent first, and what to open them as.
 */
export function reportClusters(reports: readonly ReportView[]): ReportCluster[] {
  const members = new Map<number, ReportView[]>();
  for (const r of reports) {
    if (r.cluster === null) continue;
    const cluster = members.get(r.cluster);
    if (cluster) cluster.push(r);
    else members.set(r.cluster, [r]);
  }
  const clusters = [...members].map(([id, rs]): ReportCluster => {
    const counts = new Map<PublicReportCategory, number>();
    for (const r of rs) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    // Ties go by the vocabulary's order, so the same reports always suggest the same type.
    const categories = [...counts.keys()].sort(
      (a, b) =>
        (counts.get(b) as number) - (counts.get(a) as number) ||
        publicReportCategories.indexOf(a) - publicReportCategories.indexOf(b),
    );
    const top = categories[0] as PublicReportCategory;
    return {
      id,
      reportIds: rs.map((r) => r.id).sort((a, b) => a - b),
      lon: rs.reduce((sum, r) => sum + r.lon, 0) / rs.length,
      lat: rs.reduce((sum, r) => sum + r.lat, 0) / rs.length,
      categories,
      suggestedType: reportCategoryIncidentType[top],
    };
  });
  return clusters.sort((a, b) => b.reportIds.length - a.reportIds.length || a.id - b.id);
}

interface ReviewRow {
  id: number;
  reference: string;
  category: PublicReportCategory;
  status: ReportStatus;
  region_code: string | null;
  incident_id: number | null;
}

/** Locks the reports `ids` (each once) for review, or refuses the first one not in the scope. */
async function lockForReview(
  tx: SqlClient,
  scope: RegionScope,
  ids: readonly number[],
): Promise<ReviewRow[]> {
  const wanted = [...new Set(ids)];
  const rows = await tx.query<ReviewRow>(
    `SELECT r.id, r.reference, r.category, r.status, r.region_code, r.incident_id FROM public_report r
      WHERE r.id = ANY($2::int[]) AND ${inScope('r')} ORDER BY r.id FOR UPDATE`,
    [scopePattern(scope), wanted],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return wanted.map((id) => {
    const row = byId.get(id);
    if (!row) throw new Refusal('not_found', `no report ${id}`);
    return row;
  });
}

type ChangedRow = Pick<ReviewRow, 'id' | 'status' | 'region_code'>;

const changeOf = (r: ChangedRow): ReportChange => ({
  kind: 'report',
  id: r.id,
  status: r.status,
  regionCode: r.region_code,
});

/**
 * Rejects pending reports with the reviewer's reason: all of them, or — when one is not in the
 * scope or no longer pending — none.
 */
export async function rejectReports(
  sql: SqlClient,
  scope: RegionScope,
  actor: string,
  input: { ids: readonly number[]; note: string },
): Promise<ReportChange[]> {
  return sql.transaction(async (tx) => {
    const rows = await lockForReview(tx, scope, input.ids);
    for (const r of rows) {
      if (r.status !== 'pending') {
        throw new Refusal('conflict', `report ${r.id} (${r.reference}) is already ${r.status}`);
      }
    }
    const changed = await tx.query<ChangedRow>(
      `UPDATE public_report SET status = 'rejected', reviewed_by = $2, reviewed_at = now(), review_note = $3
        WHERE id = ANY($1::int[]) RETURNING id, status, region_code`,
      [rows.map((r) => r.id), actor, input.note],
    );
    return changed.map(changeOf);
  });
}

/** An incident in these statuses is over (or lives on in another): nothing more attaches to it. */
const ENDED_INCIDENT = new Set(['closed', 'merged', 'cancelled']);

/**
 * Attaches reports to an open incident of the scope, as `status`, with one `report_linked` event
 * on its timeline per report. A report may be pending, or verified without an incident (a report
 * already attached to one incident is not moved to another here).
 */
async function attachReports(
  tx: SqlClient,
  scope: RegionScope,
  actor: string,
  ids: readonly number[],
  incidentId: number,
  status: 'merged' | 'verified',
  note: string | null,
): Promise<ReportChange[]> {
  // The incident first, like the intake that creates one and then links to it: one lock order.
  const [incident] = await tx.query<{ id: number; code: string; status: string }>(
    `SELECT i.id, i.code, i.status FROM incident i WHERE i.id = $2 AND ${inScope('i')} FOR UPDATE`,
    [scopePattern(scope), incidentId],
  );
  if (!incident) throw new Refusal('not_found', `no incident ${incidentId}`);
  if (ENDED_INCIDENT.has(incident.status)) {
    throw new Refusal(
      'conflict',
      `incident ${incident.code} is ${incident.status}; reports attach only to an incident still open`,
    );
  }
  const rows = await lockForReview(tx, scope, ids);
  for (const r of rows) {
    if (r.status === 'pending' || (r.status === 'verified' && r.incident_id === null)) continue;
    const linked = r.incident_id === null ? '' : ` (attached to incident ${r.incident_id})`;
    throw new Refusal('conflict', `report ${r.id} (${r.reference}) is already ${r.status}${linked}`);
  }
  const changed = await tx.query<ChangedRow>(
    `UPDATE public_report SET status = $2, incident_id = $3, reviewed_by = $4, reviewed_at = now(), review_note = $5
      WHERE id = ANY($1::int[]) RETURNING id, status, region_code`,
    [rows.map((r) => r.id), status, incidentId, actor, note],
  );
  for (const r of rows) {
    await appendIncidentEvent(tx, incidentId, 'report_linked', actor, {
      reportId: r.id,
      reference: r.reference,
      category: r.category,
    });
  }
  return changed.map(changeOf);
}

/** Merges reports into an existing incident (they confirm it or add to it): all of them or none. */
export async function mergeReports(
  sql: SqlClient,
  scope: RegionScope,
  actor: string,
  input: { ids: readonly number[]; incidentId: number; note?: string | undefined },
): Promise<ReportChange[]> {
  return sql.transaction((tx) =>
    attachReports(tx, scope, actor, input.ids, input.incidentId, 'merged', input.note ?? null),
  );
}

/**
 * Marks reports verified as the source of an incident opened from them, inside the caller's
 * transaction (the incident intake's). Returns the changes to publish once that has committed.
 */
export function linkReportsToIncident(
  tx: SqlClient,
  scope: RegionScope,
  actor: string,
  reportIds: readonly number[],
  incidentId: number,
): Promise<ReportChange[]> {
  return attachReports(tx, scope, actor, reportIds, incidentId, 'verified', null);
}

/** A report's stored photo, if the report is in the scope and has one. */
export async function reportPhoto(
  sql: SqlClient,
  scope: RegionScope,
  id: number,
): Promise<{ mime: string; bytes: Buffer } | null> {
  const [row] = await sql.query<{ mime: string; bytes: Uint8Array }>(
    `SELECT p.mime, p.bytes FROM public_report_photo p JOIN public_report r ON r.id = p.report_id
      WHERE p.report_id = $2 AND ${inScope('r')}`,
    [scopePattern(scope), id],
  );
  // The embedded engine answers bytea as a Uint8Array, the server driver as a Buffer.
  return row
    ? { mime: row.mime, bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) }
    : null;
}
