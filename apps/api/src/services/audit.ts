import { createHash } from 'node:crypto';
import type { AuditEntry, AuditQuery } from '@onemap/domain';
import { auditQuerySchema } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';

/**
 * The tamper-evident audit trail. Each entry's hash covers the previous entry's hash and its own
 * content, so changing, deleting or reordering any row breaks every hash after it; `verifyAudit`
 * names the first entry that no longer matches. Appends are serialized with an advisory lock so
 * concurrent API replicas extend one chain.
 */
export interface AuditRecord {
  actor: string;
  actorRole: string | null;
  action: string;
  target?: string | null;
  ip?: string | null;
  outcome: AuditEntry['outcome'];
  details?: Record<string, unknown> | null;
}

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 7_270_001;

/** JSON with object keys sorted at every depth: jsonb reorders keys, the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash'>): string {
  const content = canonicalJson([
    e.id,
    e.at,
    e.actor,
    e.actorRole,
    e.action,
    e.target,
    e.ip,
    e.outcome,
    e.details,
  ]);
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

export async function appendAudit(sql: SqlClient, record: AuditRecord): Promise<number> {
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const [last] = await tx.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    const [next] = await tx.query<{ id: string }>("SELECT nextval('audit_log_id_seq')::text AS id");
    const entry: Omit<AuditEntry, 'hash'> = {
      id: Number(next?.id),
      // Millisecond precision, as the column stores it, so the hash can be recomputed from the row.
      at: new Date(Math.floor(Date.now())).toISOString(),
      actor: record.actor,
      actorRole: record.actorRole,
      action: record.action,
      target: record.target ?? null,
      ip: record.ip ?? null,
      outcome: record.outcome,
      details: record.details ? (JSON.parse(canonicalJson(record.details)) as Record<string, unknown>) : null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.query(
      `INSERT INTO audit_log (id, at, actor, actor_role, action, target, ip, outcome, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      [
        entry.id,
        entry.at,
        entry.actor,
        entry.actorRole,
        entry.action,
        entry.target,
        entry.ip,
        entry.outcome,
        entry.details === null ? null : JSON.stringify(entry.details),
        prevHash,
        entryHash(prevHash, entry),
      ],
    );
    return entry.id;
  });
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  actor_role: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: AuditEntry['outcome'];
  details: Record<string, unknown> | string | null;
  prev_hash: string;
  hash: string;
}

function toEntry(r: AuditRow): AuditEntry & { prevHash: string } {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    actorRole: r.actor_role,
    action: r.action,
    target: r.target,
    ip: r.ip,
    outcome: r.outcome,
    details: typeof r.details === 'string' ? (JSON.parse(r.details) as Record<string, unknown>) : r.details,
    hash: r.hash,
    prevHash: r.prev_hash,
  };
}

const COLUMNS =
  'id::text AS id, at, actor, actor_role, action, target, ip, outcome, details, prev_hash, hash';

export async function listAudit(sql: SqlClient, raw: AuditQuery): Promise<AuditEntry[]> {
  const q = auditQuerySchema.parse(raw);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (q.actor) add('actor = ?', q.actor);
  if (q.action) add('action LIKE ?', `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.outcome) add('outcome = ?', q.outcome);
  if (q.from) add('at >= ?', q.from);
  if (q.to) add('at < ?', q.to);
  if (q.before) add('id < ?', q.before);
  params.push(q.limit);
  const rows = await sql.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY audit_log.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => {
    const { prevHash: _prev, ...entry } = toEntry(r);
    return entry;
  });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken: { id: number; reason: string } | null;
}

/** Walks the whole chain in id order, in pages, recomputing every hash. */
export async function verifyAudit(sql: SqlClient): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await sql.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE id > $1 ORDER BY audit_log.id LIMIT 5000`,
      [after],
    );
    if (rows.length === 0) return { ok: true, checked, firstBroken: null };
    for (const row of rows) {
      const e = toEntry(row);
      if (e.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: {
            id: e.id,
            reason: 'does not follow the previous entry (an entry before it was removed or changed)',
          },
        };
      }
      const { hash: _hash, prevHash: _prev, ...content } = e;
      if (entryHash(prevHash, content) !== e.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { id: e.id, reason: 'its content does not match its hash (the entry was changed)' },
        };
      }
      prevHash = e.hash;
      after = e.id;
      checked++;
    }
  }
}
