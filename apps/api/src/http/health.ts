import type { Health } from '@onemap/domain';
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../context.js';

export function registerHealth(
  app: FastifyInstance,
  deps: { version: string; state: () => ServerState | null; failure: () => string | null },
): void {
  app.get('/healthz', { config: { access: 'public' } }, async (_request, reply) => {
    const ctx = deps.state();
    const failure = deps.failure();
    const body: Health & { reason?: string } = {
      status: ctx ? 'ok' : failure ? 'failed' : 'starting',
      db: ctx?.db.kind ?? 'pglite',
      version: deps.version,
      ...(ctx?.mqtt ? { mqtt: ctx.mqtt() } : {}),
      ...(ctx?.db.kind === 'postgres' ? { readReplicas: ctx.db.replicas } : {}),
      ...(ctx?.relay ? { relay: ctx.relay() } : {}),
      ...(failure ? { reason: failure } : {}),
    };
    return reply
      .code(ctx ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
