import { loginInputSchema } from '@onemap/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { type AuthPolicy, login, logout } from '../services/sessions.js';
import { sendInvalid } from './errors.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './guard.js';
import { isHttps } from './security-headers.js';

/** Sign-in and sign-out for people; machine clients use API tokens and never sign in. */
export function registerAuthRoutes(
  app: FastifyInstance,
  state: () => ServerState,
  policy: AuthPolicy,
  loginsPerMinute: number,
): void {
  app.post(
    '/api/v1/auth/login',
    {
      bodyLimit: 8 * 1024,
      config: {
        access: 'public',
        rateLimit: { max: loginsPerMinute, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      if (!sameOrigin(request))
        return reply.code(403).send({ error: 'forbidden', message: 'cross-origin sign-in' });
      const parsed = loginInputSchema.safeParse(request.body);
      if (!parsed.success) return sendInvalid(reply, parsed.error);
      const { db } = state();
      const result = await login(db.sql, { ...parsed.data, ip: request.ip }, policy);
      const username = parsed.data.username.trim().toLowerCase();
      if (!result.ok) {
        await appendAudit(db.sql, {
          actor: username,
          actorRole: null,
          action: 'auth.login',
          ip: request.ip,
          outcome: 'failure',
          details: { reason: result.reason },
        });
        if (result.reason === 'locked') {
          return reply.code(429).header('retry-after', String(result.retryAfterSeconds)).send({
            error: 'too_many_attempts',
            message: 'too many failed sign-ins; wait and try again',
            retryAfterSeconds: result.retryAfterSeconds,
          });
        }
        return reply.code(401).send({ error: 'invalid_credentials', message: 'wrong username or password' });
      }
      await appendAudit(db.sql, {
        actor: result.user.username,
        actorRole: result.user.role,
        action: 'auth.login',
        ip: request.ip,
        outcome: 'success',
        details: null,
      });
      const secure = isHttps(request.headers['x-forwarded-proto'], request.protocol);
      const maxAge = Math.floor((result.expiresAt.getTime() - Date.now()) / 1000);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure,
        maxAge,
      });
      reply.setCookie(CSRF_COOKIE, result.csrfToken, {
        path: '/',
        httpOnly: false,
        sameSite: 'strict',
        secure,
        maxAge,
      });
      return reply.send({ token: result.token, user: result.user });
    },
  );

  app.post('/api/v1/auth/logout', { config: { access: 'self' } }, async (request, reply) => {
    const { db } = state();
    if (request.secret && request.principal.kind === 'user') await logout(db.sql, request.secret);
    await appendAudit(db.sql, {
      ...actorOf(request.principal),
      action: 'auth.logout',
      ip: request.ip,
      outcome: 'success',
      details: null,
    });
    clearCookies(reply);
    return reply.code(204).send();
  });
}

export function clearCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** A browser's sign-in form posts from our own origin; another site's page may not sign people in. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
