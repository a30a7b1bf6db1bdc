import { createHash } from 'node:crypto';
import { tileRequestSchema } from '@onemap/domain';
import { isValidTile } from '@onemap/geo';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { commLinksGeoJson, pointTile } from '../services/layer-tiles.js';
import { sendInvalid } from './errors.js';

/**
 * The open HTTP interface for map layers. Point layers travel as OMP1 binary tiles (see
 * @onemap/domain point-batch), revalidated by ETag so an unchanged tile costs one small round trip.
 */
export function registerLayerRoutes(app: FastifyInstance, context: () => AppContext | null): void {
  app.get<{ Params: { layer: string; z: string; x: string; file: string } }>(
    '/api/v1/layers/:layer/tiles/:z/:x/:file',
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
      const ctx = context() as AppContext;
      const bytes = await pointTile(ctx.db.sql, t.layer, t.z, t.x, t.y);
      return sendWithEtag(
        reply,
        request.headers['if-none-match'],
        Buffer.from(bytes),
        'application/octet-stream',
      );
    },
  );

  app.get('/api/v1/layers/commLinks.geojson', async (request, reply) => {
    const ctx = context() as AppContext;
    const body = Buffer.from(JSON.stringify(await commLinksGeoJson(ctx.db.sql)));
    return sendWithEtag(reply, request.headers['if-none-match'], body, 'application/geo+json');
  });
}

function sendWithEtag(reply: FastifyReply, ifNoneMatch: string | undefined, body: Buffer, type: string) {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  reply.header('etag', etag).header('cache-control', 'no-cache');
  if (ifNoneMatch === etag) return reply.code(304).send();
  return reply.type(type).send(body);
}
