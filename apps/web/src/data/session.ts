import {
  type LoginInput,
  type Permission,
  rolePermissions,
  type SessionUser,
  type UserRole,
} from '@onemap/domain';
import { useQuery } from '@tanstack/react-query';
import { csrfHeaders } from './cookies';
import { useTRPC } from './trpc';

export const LOGIN_URL = '/api/v1/auth/login';
export const LOGOUT_URL = '/api/v1/auth/logout';

export type SignInResult =
  | { ok: true }
  /** Wrong username or password; the server does not say which, and neither do we. */
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number | null }
  /** The fields the server named as malformed. */
  | { ok: false; reason: 'invalidInput'; fields: string[] }
  | { ok: false; reason: 'failed'; status: number | null };

/** Reads the sign-in endpoint's answer; pure so every branch can be tested without a server. */
export function interpretSignIn(
  status: number,
  body: unknown,
  retryAfterHeader: string | null,
): SignInResult {
  if (status >= 200 && status < 300) return { ok: true };
  const b = (body ?? {}) as { error?: unknown; retryAfterSeconds?: unknown; fields?: unknown };
  if (status === 401) return { ok: false, reason: 'invalid' };
  if (status === 429) {
    const fromBody = typeof b.retryAfterSeconds === 'number' ? b.retryAfterSeconds : Number.NaN;
    const seconds = Number.isFinite(fromBody) ? fromBody : Number(retryAfterHeader ?? Number.NaN);
    return {
      ok: false,
      reason: 'locked',
      retryAfterSeconds: Number.isFinite(seconds) ? Math.ceil(seconds) : null,
    };
  }
  if (status === 400) {
    // /api/v1 names fields as paths; tRPC-style `{ path, message }` entries are read the same.
    const fields = (Array.isArray(b.fields) ? (b.fields as unknown[]) : [])
      .map((f) => (typeof f === 'string' ? f : (f as { path?: unknown } | null)?.path))
      .filter((f): f is string => typeof f === 'string');
    return { ok: false, reason: 'invalidInput', fields };
  }
  return { ok: false, reason: 'failed', status };
}

/** Signs in with a password; the API answers with the session cookie and the CSRF cookie. */
export async function signIn(input: LoginInput): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch(LOGIN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  } catch {
    return { ok: false, reason: 'failed', status: null };
  }
  const body: unknown = await response.json().catch(() => null);
  return interpretSignIn(response.status, body, response.headers.get('retry-after'));
}

/**
 * Ends the session on the server, which clears both cookies. Failure is not reported: the page
 * forgets the user either way, and a session left behind on the server expires by itself.
 */
export async function signOut(): Promise<void> {
  await fetch(LOGOUT_URL, { method: 'POST', headers: csrfHeaders() }).catch(() => undefined);
}

/**
 * Who is signed in: the user, null for nobody, undefined while asking. Asked once per sign-in; a
 * session that ends later shows up as a 401 on some other call. `enabled` is false in the public
 * zone, which never needs to know.
 */
export function useSession(enabled = true) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.auth.me.queryOptions(),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    // A wall may boot before its server: keep asking (backing off) rather than show a dead page.
    retry: true,
  });
}

/** The signed-in user inside the shell, which only renders once there is one. */
export function useSessionUser(): SessionUser | null {
  return useSession().data ?? null;
}

/** Whether a role holds a permission; nobody signed in holds none. */
export function roleMay(role: UserRole | null, permission: Permission): boolean {
  return role !== null && rolePermissions[role].includes(permission);
}

/** Whether the signed-in role may do something; hiding a control is a courtesy, the API decides. */
export function useMay(permission: Permission): boolean {
  return roleMay(useSessionUser()?.role ?? null, permission);
}
