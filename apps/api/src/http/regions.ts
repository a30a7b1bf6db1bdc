import { placeQuerySchema } from '@onemap/domain';
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../context.js';
import { regionsAt } from '../services/regions.js';
import { sendInvalid } from './errors.js';

/**
 * Which administrative regions hold a place: for partner systems placing what they report (a GPS
 * fix from a 110 call, a gateway's site) in the region that answers for it. Boundaries are public;
 * any signed-in caller or token with map access may ask, about any place.
 */
export function registerRegionRoutes(app: FastifyInstance, state: () => ServerState): void {
  app.get('/api/v1/regions/at', { config: { access: 'map.read' } }, async (request, reply) => {
    const place = placeQuerySchema.safeParse(request.query);
    if (!place.success) return sendInvalid(reply, place.error);
    const { lon, lat } = place.data;
    return reply.send({ lon, lat, regions: await regionsAt(state().db.read, lon, lat) });
  });
}
