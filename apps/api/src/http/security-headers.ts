import type { FastifyInstance } from 'fastify';

/**
 * Strict headers on every response. The CSP allows no inline or evaluated script; styles may be
 * inline because MapLibre and React position elements with style attributes. The map worker is a
 * same-origin file (blob: for browsers that wrap it).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(self)');
    if (isHttps(request.headers['x-forwarded-proto'], request.protocol)) {
      reply.header('strict-transport-security', 'max-age=31536000');
    }
  });
}

/** Behind a TLS-terminating proxy the request arrives as http with `x-forwarded-proto: https`. */
export function isHttps(forwardedProto: string | string[] | undefined, protocol: string): boolean {
  const proto = Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto;
  return (proto ?? protocol).split(',')[0]?.trim() === 'https';
}
