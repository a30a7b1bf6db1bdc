import { createHash } from 'node:crypto';
import { layerClassification, pointLayerIdSchema, tileRequestSchema } from '@onemap/domain';
import { isValidTile } from '@onemap/geo';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerState } from '../context.js';
import { commLinksGeoJson, pointTile } from '../services/layer-tiles.js';
import { scopeOf } from '../services/scope.js';
import { sendInvalid } from './errors.js';

/**
 * The open HTTP interface for map layers. Point layers travel as OMP1 binary tiles (see
 * @onemap/domain point-batch), revalidated by ETag so an unchanged tile costs one small round trip.
 */
export function registerLayerRoutes(app: FastifyInstance, state: () => ServerState): void {
  app.get<{ Params: { layer: string; z: string; x: string; file: string } }>(
    '/api/v1/layers/:layer/tiles/:z/:x/:file',
    {
      config: {
        // Public layers (shelters, hospitals) are published to everyone; the rest need a sign-in.
        access: (request) => {
          const layer = pointLayerIdSchema.safeParse((request.params as { layer?: string }).layer);
          return layer.success && layerClassification[layer.data] === 'public' ? 'public' : 'map.read';
        },
      },
    },
    async (request, reply) => {
      const { layer, z, x, file } = request.params;
      const match = /^(\d+)\.bin$/.exec(file);
      const parsed = tileRequestSchema.safeParse({ layer, z, x, y: match ? match[1] : file });
      if (!parsed.success) return sendInvalid(reply, parsed.error);
      const t = parsed.data;
      if (!match || !isValidTile(t.z, t.x, t.y)) {
        return reply
          .code(400)
          .send({ error: 'bad_request', message: `no tile ${t.z}/${t.x}/${file}`, fields: ['y'] });
      }
      const bytes = await pointTile(state().db.read, t.layer, t.z, t.x, t.y, scopeOf(request.principal));
      return sendWithEtag(
        reply,
        request.headers['if-none-match'],
        Buffer.from(bytes),
        'application/octet-stream',
      );
    },
  );

  app.get('/api/v1/layers/commLinks.geojson', { config: { access: 'map.read' } }, async (request, reply) => {
    const links = await commLinksGeoJson(state().db.read, scopeOf(request.principal));
    const body = Buffer.from(JSON.stringify(links));
    return sendWithEtag(reply, request.headers['if-none-match'], body, 'application/geo+json');
  });
}

/** Sends a region-scoped body with its ETag, or 304 when the client holds it already. */
export function sendWithEtag(
  reply: FastifyReply,
  ifNoneMatch: string | undefined,
  body: Buffer,
  type: string,
) {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  // The body depends on who asks (region scope): shared caches must not keep it.
  reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'cookie, authorization');
  if (ifNoneMatch === etag) return reply.code(304).send();
  return reply.type(type).send(body);
}
