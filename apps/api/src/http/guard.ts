import { type Access, allows, type Principal } from '@onemap/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { resolveSecret } from '../services/sessions.js';

/**
 * Authentication and authorization for plain HTTP routes, in one place:
 * - every request is resolved to a principal (Authorization: Bearer, else the session cookie);
 * - a cookie-authenticated request that changes anything must carry the session's CSRF token in
 *   `x-csrf-token` (a bearer header cannot be sent by another site, a cookie can);
 * - every /api/ route declares `config.access`; one without is refused (fail closed).
 */
export const SESSION_COOKIE = 'onemap_session';
export const CSRF_COOKIE = 'onemap_csrf';

export type RouteAccess = Access | ((request: FastifyRequest) => Access);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    secret: string | null;
    csrfToken: string | null;
    viaCookie: boolean;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerGuard(app: FastifyInstance, state: () => ServerState | null): void {
  app.decorateRequest('principal', null as unknown as { getter(): Principal });
  app.decorateRequest('secret', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('viaCookie', false);

  app.addHook('onRequest', async (request) => {
    request.principal = { kind: 'anonymous' };
    const s = state();
    if (!s) return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = request.cookies[SESSION_COOKIE];
    const secret = bearer ?? cookie;
    if (!secret) return;
    const resolved = await resolveSecret(s.db.sql, secret);
    request.principal = resolved.principal;
    request.secret = resolved.principal.kind === 'anonymous' ? null : secret;
    request.csrfToken = resolved.csrfToken;
    request.viaCookie = bearer === undefined && resolved.principal.kind !== 'anonymous';
  });

  app.addHook('preHandler', async (request, reply) => {
    const rule = request.routeOptions.config?.access;
    const access = typeof rule === 'function' ? rule(request) : rule;
    // Public routes act on nobody's authority (signing in as someone else is one), so a cookie
    // riding along cannot be abused through them.
    if (request.viaCookie && !SAFE_METHODS.has(request.method) && access !== 'public') {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || sent !== request.csrfToken) {
        return deny(reply, 403, 'csrf', 'missing or wrong x-csrf-token header');
      }
    }
    if (!request.url.startsWith('/api/') || request.is404) return;
    if (!access) return deny(reply, 403, 'forbidden', 'this route has no access rule');
    if (allows(request.principal, access)) return;
    if (request.principal.kind === 'anonymous') return deny(reply, 401, 'unauthorized', 'sign in first');
    const s = state();
    if (s) {
      await appendAudit(s.db.sql, {
        ...actorOf(request.principal),
        action: `${request.method} ${request.routeOptions.url ?? request.url}`,
        ip: request.ip,
        outcome: 'denied',
        details: { needs: access },
      });
    }
    return deny(reply, 403, 'forbidden', `needs ${access}`);
  });
}

function deny(reply: FastifyReply, status: number, error: string, message: string) {
  return reply.code(status).send({ error, message });
}
