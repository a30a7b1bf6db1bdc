import { NATIONAL_REGION, type Principal, type SessionUser, type UserRole } from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import { UNKNOWN_USER_HASH, verifyPassword } from '../auth/passwords.js';
import { kindOf, newSecret, secretHash } from '../auth/secrets.js';

/**
 * Sign-in, sessions and bearer resolution. A failed sign-in never says whether the user exists:
 * unknown usernames cost the same hash check and count failures the same way.
 */
export interface AuthPolicy {
  sessionTtlMs: number;
  /** Failures before the account is locked; each further failure doubles the lock. */
  maxFailures: number;
  lockBaseMs: number;
  lockMaxMs: number;
}

export const defaultAuthPolicy: AuthPolicy = {
  sessionTtlMs: 12 * 3600_000,
  maxFailures: 5,
  lockBaseMs: 60_000,
  lockMaxMs: 3600_000,
};

export type LoginResult =
  | { ok: true; token: string; csrfToken: string; expiresAt: Date; user: SessionUser }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: UserRole;
  region_code: string;
  active: boolean;
}

export async function login(
  sql: SqlClient,
  input: { username: string; password: string; ip: string | null },
  policy: AuthPolicy = defaultAuthPolicy,
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const [lock] = await sql.query<{ locked_until: Date | null }>(
    'SELECT locked_until FROM auth_failure WHERE username = $1',
    [username],
  );
  const lockedMs = lock?.locked_until ? new Date(lock.locked_until).getTime() - Date.now() : 0;
  if (lockedMs > 0) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(lockedMs / 1000) };

  const [user] = await sql.query<UserRow>(
    'SELECT id, username, display_name, password_hash, role, region_code, active FROM app_user WHERE username = $1',
    [username],
  );
  const matches = await verifyPassword(input.password, user?.password_hash ?? UNKNOWN_USER_HASH);
  if (!user?.active || !matches) {
    await recordFailure(sql, username, policy);
    return { ok: false, reason: 'invalid_credentials' };
  }
  await sql.query('DELETE FROM auth_failure WHERE username = $1', [username]);
  const token = newSecret('oms');
  const csrfToken = newSecret('oms').slice(4);
  const expiresAt = new Date(Date.now() + policy.sessionTtlMs);
  await sql.query(
    `INSERT INTO app_session (token_hash, csrf_token, user_id, ip, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [secretHash(token), csrfToken, user.id, input.ip, expiresAt.toISOString()],
  );
  return {
    ok: true,
    token,
    csrfToken,
    expiresAt,
    user: {
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      regionCode: user.region_code,
      regionName: await regionName(sql, user.region_code),
    },
  };
}

async function recordFailure(sql: SqlClient, username: string, policy: AuthPolicy): Promise<void> {
  // Failures reset after a quiet period as long as the lock would have been.
  await sql.query(
    `INSERT INTO auth_failure (username, failures, last_failure_at) VALUES ($1, 1, now())
     ON CONFLICT (username) DO UPDATE SET
       failures = CASE WHEN auth_failure.last_failure_at < now() - ($2::float8 * interval '1 millisecond')
                       THEN 1 ELSE auth_failure.failures + 1 END,
       last_failure_at = now()`,
    [username, policy.lockMaxMs],
  );
  await sql.query(
    `UPDATE auth_failure SET locked_until = now() + (least($2::float8 * power(2, failures - $3), $4::float8) * interval '1 millisecond')
      WHERE username = $1 AND failures >= $3`,
    [username, policy.lockBaseMs, policy.maxFailures, policy.lockMaxMs],
  );
}

export async function logout(sql: SqlClient, token: string): Promise<void> {
  await sql.query('UPDATE app_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [
    secretHash(token),
  ]);
}

export interface ResolvedPrincipal {
  principal: Principal;
  /** The session's CSRF token, for cookie-authenticated requests. */
  csrfToken: string | null;
}

/** Who a bearer secret (cookie or Authorization header) stands for; anonymous when it is not valid. */
export async function resolveSecret(sql: SqlClient, secret: string | undefined): Promise<ResolvedPrincipal> {
  const anonymous: ResolvedPrincipal = { principal: { kind: 'anonymous' }, csrfToken: null };
  if (!secret) return anonymous;
  const kind = kindOf(secret);
  if (kind === 'oms') {
    const [row] = await sql.query<UserRow & { csrf_token: string; session_id: number }>(
      `SELECT u.id, u.username, u.display_name, u.role, u.region_code, u.active, s.csrf_token, s.id AS session_id
         FROM app_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [secretHash(secret)],
    );
    if (!row) return anonymous;
    return {
      principal: {
        kind: 'user',
        userId: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        regionCode: row.region_code,
      },
      csrfToken: row.csrf_token,
    };
  }
  if (kind === 'omt') {
    const [row] = await sql.query<{
      id: number;
      name: string;
      role: UserRole;
      region_code: string;
      stale: boolean;
    }>(
      `SELECT id, name, role, region_code,
              (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
         FROM api_token
        WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [secretHash(secret)],
    );
    if (!row) return anonymous;
    // A gateway may call many times a second; "last used" to the minute needs no write per request.
    if (row.stale) await sql.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [row.id]);
    return {
      principal: {
        kind: 'token',
        tokenId: row.id,
        name: row.name,
        role: row.role,
        regionCode: row.region_code,
      },
      csrfToken: null,
    };
  }
  return anonymous;
}

export async function regionName(sql: SqlClient, code: string): Promise<string> {
  if (code === NATIONAL_REGION) return '全国';
  const [row] = await sql.query<{ name: string }>('SELECT name FROM region WHERE code = $1', [code]);
  return row?.name ?? code;
}

export async function sessionUser(sql: SqlClient, principal: Principal): Promise<SessionUser | null> {
  if (principal.kind !== 'user') return null;
  return {
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
    regionCode: principal.regionCode,
    regionName: await regionName(sql, principal.regionCode),
  };
}
