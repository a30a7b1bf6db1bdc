import { randomUUID } from 'node:crypto';
import {
  allows,
  capSeverities,
  NATIONAL_REGION,
  type Principal,
  type PublishedWarning,
  type WarningArea,
  type WarningDraft,
  type WarningFeatureProperties,
  type WarningHeader,
  type WarningInfo,
  type WarningQuery,
  type WarningSummary,
  warningDraftSchema,
  warningQuerySchema,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { CapRejection, formatReference, parseReferences } from '../cap/alert.js';
import { readCap } from '../cap/read.js';
import {
  alertFromWarning,
  type CapExtras,
  type IncomingAlert,
  incomingAlert,
  regionGeocodesOf,
  type StoredWarning,
  type WarningContent,
} from '../cap/warning.js';
import { formatCapDate, writeCap } from '../cap/write.js';
import { type Caller, callerOf } from './actor.js';
import { Refusal } from './refusal.js';
import { scopePattern } from './scope.js';
import { areaParams, areaSql, estimatePopulation, knownRegions, unknownRegion } from './warning-areas.js';

/**
 * Early warnings: drafting, publishing, updating and cancelling ours (each send a CAP message),
 * importing other agencies' CAP alerts, and the public read-outs. All database access for
 * warnings is here.
 *
 * Region scope: a caller sees a warning drafted or imported in their region, and any sent warning
 * whose area reaches into their region (a national warning over Zhejiang is the Zhejiang duty
 * officer's business too); only the warning's own region may change it.
 */

/** Who is acting, and whether they may read the map (anonymous feed readers may not). */
export interface WarningCaller extends Caller {
  mayRead: boolean;
}

export function warningCaller(principal: Principal): WarningCaller {
  return { ...callerOf(principal), mayRead: allows(principal, 'map.read') };
}

interface Row {
  id: number;
  identifier: string;
  sender: string;
  sender_name: string | null;
  source: StoredWarning['source'];
  status: StoredWarning['status'];
  msg_type: StoredWarning['msgType'];
  cap_references: string | null;
  note: string | null;
  language: string;
  event: string;
  category: StoredWarning['category'];
  severity: StoredWarning['severity'];
  urgency: StoredWarning['urgency'];
  certainty: StoredWarning['certainty'];
  headline: string;
  description: string;
  instruction: string;
  web: string | null;
  contact: string | null;
  area_desc: string;
  areas: WarningArea[];
  cap_areas: StoredWarning['capAreas'];
  cap_extras: CapExtras | null;
  region_code: string;
  effective: Date;
  expires: Date;
  sent: Date | null;
  population_estimate: number | null;
  created_by: string;
  updated_at: Date;
}

const COLUMNS = `w.id, w.identifier, w.sender, w.sender_name, w.source, w.status, w.msg_type, w.cap_references,
  w.note, w.language, w.event, w.category, w.severity, w.urgency, w.certainty, w.headline, w.description,
  w.instruction, w.web, w.contact, w.area_desc, w.areas, w.cap_areas, w.cap_extras, w.region_code,
  w.effective, w.expires, w.sent, w.population_estimate, w.created_by, w.updated_at`;

const iso = (d: Date) => new Date(d).toISOString();

/** A row's header by the domain's names; each read-out writes its times its own way. */
const headerOf = (r: Row): Omit<WarningHeader, 'id' | 'sent'> => ({
  identifier: r.identifier,
  sender: r.sender,
  senderName: r.sender_name,
  source: r.source,
  status: r.status,
  msgType: r.msg_type,
});

/** What a row's warning says, by the domain's names, times aside. */
const infoOf = (r: Row): Omit<WarningInfo, 'effective' | 'expires'> => ({
  event: r.event,
  category: r.category,
  severity: r.severity,
  urgency: r.urgency,
  certainty: r.certainty,
  headline: r.headline,
  description: r.description,
  instruction: r.instruction,
  areaDesc: r.area_desc,
  areas: r.areas,
});

/** The times as the API answers them (ISO 8601, UTC). */
const isoTimesOf = (r: Row): Pick<WarningSummary, 'effective' | 'expires' | 'sent'> => ({
  effective: iso(r.effective),
  expires: iso(r.expires),
  sent: r.sent ? iso(r.sent) : null,
});

function stored(r: Row): StoredWarning {
  return {
    ...headerOf(r),
    ...infoOf(r),
    references: r.cap_references,
    note: r.note,
    language: r.language,
    web: r.web,
    contact: r.contact,
    capAreas: r.cap_areas,
    capExtras: r.cap_extras,
    effective: new Date(r.effective),
    expires: new Date(r.expires),
    sent: r.sent ? new Date(r.sent) : null,
    updatedAt: new Date(r.updated_at),
  };
}

const mayChange = (r: Row, caller: WarningCaller) =>
  r.source === 'own' && r.status !== 'cancelled' && r.region_code.startsWith(caller.scope.prefix);

function summary(r: Row, caller: WarningCaller): WarningSummary {
  return {
    id: r.id,
    ...headerOf(r),
    regionCode: r.region_code,
    editable: mayChange(r, caller),
    note: r.note,
    ...infoOf(r),
    ...isoTimesOf(r),
    populationEstimate: r.population_estimate,
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
  };
}

/** The region code a scope prefix stands for (GB/T 2260 pads with zeros); null for the nation. */
function scopeRegion(prefix: string): string | null {
  return prefix === '' ? null : prefix.padEnd(6, '0');
}

/**
 * SQL for "the caller may see w": drafted or imported in their region, or sent and reaching into
 * their region. Its parameters, $1 and $2, are `visibleParams(caller)`.
 */
const VISIBLE = `(w.region_code LIKE $1 OR (w.status <> 'draft'
    AND ST_Intersects(w.area, (SELECT boundary FROM region WHERE code = $2))))`;

const visibleParams = (caller: WarningCaller) => [
  scopePattern(caller.scope),
  scopeRegion(caller.scope.prefix),
];

/** Most severe first, then the latest sent. */
const BY_SEVERITY = `CASE w.severity ${capSeverities.codes
  .map((code, i) => `WHEN '${code}' THEN ${i}`)
  .join(' ')} ELSE 99 END, w.sent DESC, w.id DESC`;

const ACTIVE = `w.status = 'published' AND w.effective <= now() AND w.expires > now()`;

export async function listWarnings(
  sql: SqlClient,
  caller: WarningCaller,
  raw: WarningQuery,
): Promise<WarningSummary[]> {
  const q = warningQuerySchema.parse(raw);
  const filter = {
    active: ACTIVE,
    all: 'true',
    drafts: `w.status = 'draft'`,
  }[q.scope];
  const order = q.scope === 'active' ? BY_SEVERITY : 'w.updated_at DESC, w.id DESC';
  const rows = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM warning w WHERE ${VISIBLE} AND ${filter} ORDER BY ${order} LIMIT $3`,
    [...visibleParams(caller), q.limit],
  );
  return rows.map((r) => summary(r, caller));
}

/** A warning the caller may see, or not_found. */
async function visibleRow(sql: SqlClient, caller: WarningCaller, id: number, lock = false): Promise<Row> {
  const [row] = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM warning w WHERE w.id = $3 AND ${VISIBLE} ${lock ? 'FOR UPDATE' : ''}`,
    [...visibleParams(caller), id],
  );
  if (!row) throw new Refusal('not_found', `no warning ${id}`);
  return row;
}

export async function getWarning(sql: SqlClient, caller: WarningCaller, id: number): Promise<WarningSummary> {
  return summary(await visibleRow(sql, caller, id), caller);
}

/** Our CAP sender for a region's warnings (CAP: no spaces, commas, < or &). */
const ownSender = (regionCode: string) => `onemap:${regionCode}`;
const newIdentifier = () => `onemap-${randomUUID()}`;

async function ownSenderName(sql: SqlClient, regionCode: string): Promise<string> {
  if (regionCode === NATIONAL_REGION) return 'OneMap（全国）';
  const [row] = await sql.query<{ name: string }>('SELECT name FROM region WHERE code = $1', [regionCode]);
  return `OneMap（${row?.name ?? regionCode}）`;
}

/** CAP times have whole seconds; storing them so keeps an export equal to what was saved. */
const wholeSeconds = (t: string | Date) => new Date(Math.floor(new Date(t).getTime() / 1000) * 1000);

async function checkedDraft(sql: SqlClient, input: WarningDraft) {
  const draft = warningDraftSchema.parse(input);
  const unknown = await unknownRegion(sql, draft.areas);
  if (unknown) throw new Refusal('invalid', `no region ${unknown.code}`, unknown.field);
  return { ...draft, effective: wholeSeconds(draft.effective), expires: wholeSeconds(draft.expires) };
}

/** Column values of a warning, by column name. */
type Columns = Record<string, unknown>;

/** `column = $i, …` for `columns`, numbered from `$first`. */
const assignments = (columns: Columns, first: number) =>
  Object.keys(columns)
    .map((c, i) => `${c} = $${first + i}`)
    .join(', ');

/** The columns of what a warning says: all a draft sets, and what an import sets besides its header. */
function infoColumns(
  w: Omit<WarningInfo, 'effective' | 'expires'> & { effective: Date; expires: Date },
): Columns {
  return {
    event: w.event,
    category: w.category,
    severity: w.severity,
    urgency: w.urgency,
    certainty: w.certainty,
    headline: w.headline,
    description: w.description,
    instruction: w.instruction,
    area_desc: w.areaDesc,
    areas: JSON.stringify(w.areas),
    effective: w.effective,
    expires: w.expires,
  };
}

const HAS_EXTENT = 'a.g IS NOT NULL AND NOT ST_IsEmpty(a.g)';

/**
 * Inserts a warning with these columns and the union of its areas as its geometry; null, inserting
 * nothing, when that has no extent.
 */
async function insertWarning(
  sql: SqlClient,
  columns: Columns,
  areas: readonly WarningArea[],
): Promise<number | null> {
  const [row] = await sql.query<{ id: number }>(
    `WITH a AS (SELECT ${areaSql(1, 2)} AS g)
     INSERT INTO warning (${Object.keys(columns).join(', ')}, area)
     SELECT ${Object.keys(columns)
       .map((_, i) => `$${3 + i}`)
       .join(', ')}, a.g FROM a WHERE ${HAS_EXTENT}
     RETURNING id`,
    [...areaParams(areas), ...Object.values(columns)],
  );
  return row?.id ?? null;
}

/**
 * Sets these columns of warning `id` and the union of its areas as its geometry; false, changing
 * nothing, when that has no extent.
 */
async function updateWarningArea(
  sql: SqlClient,
  id: number,
  columns: Columns,
  areas: readonly WarningArea[],
): Promise<boolean> {
  const [row] = await sql.query<{ id: number }>(
    `WITH a AS (SELECT ${areaSql(2, 3)} AS g)
     UPDATE warning w SET ${assignments(columns, 4)}, area = a.g, updated_at = now()
       FROM a WHERE w.id = $1 AND ${HAS_EXTENT}
     RETURNING w.id`,
    [id, ...areaParams(areas), ...Object.values(columns)],
  );
  return row !== undefined;
}

const noArea = () => new Refusal('invalid', 'the area has no extent', 'areas');

export async function createWarning(
  sql: SqlClient,
  caller: WarningCaller,
  input: WarningDraft,
): Promise<WarningSummary> {
  const draft = await checkedDraft(sql, input);
  const id = await insertWarning(
    sql,
    {
      ...infoColumns(draft),
      identifier: newIdentifier(),
      sender: ownSender(caller.regionCode),
      sender_name: await ownSenderName(sql, caller.regionCode),
      source: 'own',
      status: 'draft',
      region_code: caller.regionCode,
      created_by: caller.actor,
    },
    draft.areas,
  );
  if (id === null) throw noArea();
  return getWarning(sql, caller, id);
}

/** Loads a warning the caller may change, locked, or says why not. */
async function changeable(tx: SqlClient, caller: WarningCaller, id: number): Promise<Row> {
  const row = await visibleRow(tx, caller, id, true);
  if (row.source === 'imported') {
    throw new Refusal(
      'conflict',
      `warning ${id} was imported from ${row.sender_name ?? row.sender} and cannot be edited here; its sender updates or cancels it`,
    );
  }
  if (!row.region_code.startsWith(caller.scope.prefix)) {
    throw new Refusal(
      'forbidden',
      `warning ${id} belongs to region ${row.region_code}; only that region may change it`,
    );
  }
  if (row.status === 'cancelled') {
    throw new Refusal('conflict', `warning ${id} is cancelled and can no longer be changed`);
  }
  return row;
}

/** The CAP references of a message that supersedes `row`'s last one. */
const supersede = (row: Row) =>
  [
    row.cap_references,
    formatReference({
      sender: row.sender,
      identifier: row.identifier,
      sent: formatCapDate(row.sent ?? row.updated_at),
    }),
  ]
    .filter(Boolean)
    .join(' ');

/** Changes a draft; a published warning is re-sent as a CAP Update (new identifier, references, time). */
export async function updateWarning(
  sql: SqlClient,
  caller: WarningCaller,
  id: number,
  input: WarningDraft,
): Promise<WarningSummary> {
  const draft = await checkedDraft(sql, input);
  await sql.transaction(async (tx) => {
    const row = await changeable(tx, caller, id);
    const resend =
      row.status === 'published'
        ? {
            identifier: newIdentifier(),
            cap_references: supersede(row),
            msg_type: 'Update',
            sent: wholeSeconds(new Date()),
            population_estimate: (await estimatePopulation(tx, draft.areas)).population,
          }
        : {};
    const updated = await updateWarningArea(tx, id, { ...infoColumns(draft), ...resend }, draft.areas);
    if (!updated) throw noArea();
  });
  return getWarning(sql, caller, id);
}

/** Sends a draft as a CAP Alert, with the population estimate of its area at that moment. */
export async function publishWarning(
  sql: SqlClient,
  caller: WarningCaller,
  id: number,
): Promise<WarningSummary> {
  await sql.transaction(async (tx) => {
    const row = await changeable(tx, caller, id);
    if (row.status !== 'draft') throw new Refusal('conflict', `warning ${id} is already published`);
    if (new Date(row.expires).getTime() <= Date.now()) {
      throw new Refusal('invalid', 'expires is already past; update the draft first', 'expires');
    }
    const estimate = await estimatePopulation(tx, row.areas);
    await tx.query(
      `UPDATE warning SET status = 'published', msg_type = 'Alert', sent = $2, population_estimate = $3,
              updated_at = now() WHERE id = $1`,
      [id, wholeSeconds(new Date()), estimate.population],
    );
  });
  return getWarning(sql, caller, id);
}

/** Withdraws a published warning with a CAP Cancel (the reason goes in its note). */
export async function cancelWarning(
  sql: SqlClient,
  caller: WarningCaller,
  id: number,
  reason: string,
): Promise<WarningSummary> {
  await sql.transaction(async (tx) => {
    const row = await changeable(tx, caller, id);
    if (row.status === 'draft') {
      throw new Refusal(
        'conflict',
        `warning ${id} is a draft: it was never sent, so there is nothing to cancel`,
      );
    }
    await tx.query(
      `UPDATE warning SET status = 'cancelled', msg_type = 'Cancel', identifier = $2, cap_references = $3,
              sent = $4, note = $5, updated_at = now() WHERE id = $1`,
      [id, newIdentifier(), supersede(row), wholeSeconds(new Date()), reason || null],
    );
  });
  return getWarning(sql, caller, id);
}

/** What the public zone shows: warnings in force, ours and imported, most severe first, then newest. */
export async function publishedWarnings(sql: SqlClient): Promise<PublishedWarning[]> {
  const rows = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM warning w WHERE ${ACTIVE} ORDER BY ${BY_SEVERITY} LIMIT 500`,
  );
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    headline: r.headline,
    severity: r.severity,
    urgency: r.urgency,
    description: r.description,
    instruction: r.instruction,
    areaDesc: r.area_desc,
    areas: r.areas,
    effective: iso(r.effective),
    expires: iso(r.expires),
    sender: r.sender_name ?? r.sender,
  }));
}

/** Public feeds: active published warnings; with `all`, also expired and cancelled ones (never drafts). */
export async function feedWarnings(
  sql: SqlClient,
  all: boolean,
): Promise<Array<{ properties: WarningFeatureProperties; geometry: unknown; updatedAt: string }>> {
  const rows = await sql.query<Row & { geometry: string }>(
    `SELECT ${COLUMNS}, ST_AsGeoJSON(w.area, 6) AS geometry FROM warning w
      WHERE ${all ? `w.status <> 'draft'` : ACTIVE}
      ORDER BY ${BY_SEVERITY} LIMIT 5000`,
  );
  return rows.map((r) => {
    // The feed carries what a map label and a list need; the texts and the areas as drawn stay behind.
    const { description: _d, instruction: _i, areas: _a, ...info } = infoOf(r);
    return {
      geometry: JSON.parse(r.geometry),
      updatedAt: iso(r.updated_at),
      properties: { id: r.id, ...headerOf(r), ...info, ...isoTimesOf(r) },
    };
  });
}

/**
 * A warning as a CAP 1.2 document: anyone may read a sent one; a draft only someone who reads the
 * map in the draft's region. Null when there is none the caller may read.
 */
export async function warningCap(sql: SqlClient, caller: WarningCaller, id: number): Promise<string | null> {
  const [row] = await sql.query<Row>(
    `SELECT ${COLUMNS} FROM warning w
      WHERE w.id = $1 AND (w.status <> 'draft' OR ($2 AND w.region_code LIKE $3))`,
    [id, caller.mayRead, scopePattern(caller.scope)],
  );
  return row ? writeCap(alertFromWarning(stored(row))) : null;
}

export interface CapImport {
  id: number;
  /** The identifier the warning now has (the latest message's). */
  identifier: string;
  /** What the message did: a new warning, a change or cancellation of one, or nothing (a re-send). */
  outcome: 'created' | 'updated' | 'cancelled' | 'unchanged';
}

/**
 * Imports a CAP document sent by another agency. An Alert becomes a published warning of the
 * importer's region; an Update or Cancel whose references name a warning of the same sender
 * already imported changes that one; a message already imported (same sender and identifier, or
 * one an imported warning has since superseded) changes nothing.
 *
 * @throws CapRejection with a stable reason for anything refused.
 */
export async function importCap(sql: SqlClient, caller: WarningCaller, body: Uint8Array): Promise<CapImport> {
  const alert = await readCap(body);
  const known = await knownRegions(sql, regionGeocodesOf(alert));
  const message = incomingAlert(alert, (code) => known.has(code));
  const apply = () =>
    sql.transaction(async (tx) => {
      const seen = await alreadyImported(tx, message);
      if (seen) return seen;
      if (message.msgType === 'Alert') return insertImported(tx, caller, message);
      return applyImportedChange(tx, caller, message);
    });
  try {
    return await apply();
  } catch (error) {
    // Two deliveries of one message at once: the loser finds the winner's row.
    if ((error as { code?: string }).code === '23505') return apply();
    throw error;
  }
}

async function alreadyImported(tx: SqlClient, m: IncomingAlert): Promise<CapImport | null> {
  const [row] = await tx.query<{ id: number; identifier: string; source: string }>(
    `SELECT id, identifier, source FROM warning
      WHERE sender = $1 AND (identifier = $2
             OR position(' ' || $3::text IN ' ' || coalesce(cap_references, '')) > 0)
      ORDER BY identifier = $2 DESC LIMIT 1`,
    [m.sender, m.identifier, `${m.sender},${m.identifier},`],
  );
  if (!row) return null;
  if (row.source !== 'imported') {
    throw new CapRejection(
      'identifier_taken',
      `sender ${m.sender} and identifier ${m.identifier} belong to a warning drafted here`,
      409,
    );
  }
  return { id: row.id, identifier: row.identifier, outcome: 'unchanged' };
}

/** The columns an imported alert's content sets: what it says, and what it keeps of CAP besides. */
const contentColumns = (c: WarningContent): Columns => ({
  ...infoColumns(c),
  sender_name: c.senderName,
  language: c.language,
  web: c.web,
  contact: c.contact,
  cap_areas: JSON.stringify(c.capAreas),
  cap_extras: c.capExtras ? JSON.stringify(c.capExtras) : null,
});

/** The columns an imported message sets of its header: which message it is, and what it did. */
const messageColumns = (m: IncomingAlert, references: string | null): Columns => ({
  identifier: m.identifier,
  msg_type: m.msgType,
  cap_references: references,
  note: m.note,
  sent: m.sent,
  status: m.msgType === 'Cancel' ? 'cancelled' : 'published',
});

const arealess = (m: IncomingAlert) =>
  new CapRejection('area_without_geometry', `the areas of ${m.identifier} have no extent`);

async function insertImported(tx: SqlClient, caller: WarningCaller, m: IncomingAlert): Promise<CapImport> {
  const content = m.content as WarningContent;
  const id = await insertWarning(
    tx,
    {
      ...contentColumns(content),
      ...messageColumns(m, m.references),
      sender: m.sender,
      source: 'imported',
      region_code: caller.regionCode,
      created_by: caller.actor,
    },
    content.areas,
  );
  if (id === null) throw arealess(m);
  return { id, identifier: m.identifier, outcome: 'created' };
}

/** An Update or Cancel: applied to the imported warning its references name, else stored as new. */
async function applyImportedChange(
  tx: SqlClient,
  caller: WarningCaller,
  m: IncomingAlert,
): Promise<CapImport> {
  const refs = parseReferences(m.references).filter((r) => r.sender === m.sender);
  const [target] =
    refs.length === 0
      ? []
      : await tx.query<Row>(
          `SELECT ${COLUMNS} FROM warning w
            WHERE w.source = 'imported' AND w.sender = $1 AND w.identifier = ANY($2::text[])
            ORDER BY w.updated_at DESC LIMIT 1 FOR UPDATE`,
          [m.sender, refs.map((r) => r.identifier)],
        );
  if (!target) {
    if (m.content) return insertImported(tx, caller, m);
    const named = refs.length ? refs.map(formatReference).join(' ') : 'nothing';
    throw new CapRejection(
      'unknown_reference',
      `this Cancel references no warning imported here (references: ${named.slice(0, 300)})`,
      409,
    );
  }
  if (!target.region_code.startsWith(caller.scope.prefix)) {
    throw new CapRejection(
      'not_editable',
      `warning ${target.id} was imported for region ${target.region_code}; only that region may apply changes to it`,
      403,
    );
  }
  // Keep the message being superseded findable by its identifier even if the sender's
  // references leave it out, so its re-delivery stays a no-op.
  const references = (m.references ?? '').includes(`${target.sender},${target.identifier},`)
    ? m.references
    : [m.references, supersede(target)].filter(Boolean).join(' ');
  const header = messageColumns(m, references);
  if (!m.content) {
    await tx.query(`UPDATE warning SET ${assignments(header, 2)}, updated_at = now() WHERE id = $1`, [
      target.id,
      ...Object.values(header),
    ]);
    return { id: target.id, identifier: m.identifier, outcome: 'cancelled' };
  }
  const updated = await updateWarningArea(
    tx,
    target.id,
    { ...contentColumns(m.content), ...header },
    m.content.areas,
  );
  if (!updated) throw arealess(m);
  return {
    id: target.id,
    identifier: m.identifier,
    outcome: m.msgType === 'Cancel' ? 'cancelled' : 'updated',
  };
}
