import type { ApiTokenSummary, TokenCreateInput, UserRole } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { newSecret, secretHash } from '../auth/secrets.js';

interface Row {
  id: number;
  name: string;
  role: UserRole;
  region_code: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toSummary(r: Row): ApiTokenSummary {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    regionCode: r.region_code,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  };
}

const COLUMNS = 'id, name, role, region_code, created_by, created_at, expires_at, last_used_at, revoked_at';

export async function listTokens(sql: SqlClient): Promise<ApiTokenSummary[]> {
  return (await sql.query<Row>(`SELECT ${COLUMNS} FROM api_token ORDER BY id DESC`)).map(toSummary);
}

/** Issues a token; the secret is returned this once and stored only as its hash. */
export async function createToken(
  sql: SqlClient,
  input: TokenCreateInput,
  createdBy: string,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = newSecret('omt');
  const expiresAt = input.expiresInDays
    ? new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString()
    : null;
  const [row] = await sql.query<Row>(
    `INSERT INTO api_token (name, token_hash, role, region_code, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [input.name, secretHash(token), input.role, input.regionCode, createdBy, expiresAt],
  );
  return { token, summary: toSummary(row as Row) };
}

export async function revokeToken(sql: SqlClient, id: number): Promise<ApiTokenSummary | null> {
  const [row] = await sql.query<Row>(
    `UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id],
  );
  return row ? toSummary(row) : null;
}
