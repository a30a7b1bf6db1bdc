import { incidentCreateSchema, incidentStatuses, MAX_POSITION_BATCH } from '@onemap/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerState } from '../context.js';
import { actorOf, callerOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { recommend } from '../services/dispatch.js';
import { getIncident, listIncidents, takeInIncident } from '../services/incidents.js';
import { featureCollection } from '../services/layer-geojson.js';
import { Refusal } from '../services/refusal.js';
import { scopeOf } from '../services/scope.js';
import { ingestUnitPositions } from '../services/unit-positions.js';
import { sendInvalid, sendRefusal } from './errors.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const recommendationQuery = idParams.extend({ limit: z.coerce.number().int().min(1).max(100).default(10) });

const listQuery = z.object({
  /** Comma-separated statuses. */
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : undefined))
    .pipe(z.array(incidentStatuses.schema).optional()),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/**
 * Incidents on the open interface: other agencies' systems (110/119/120 centres, a province's own
 * platform) report incidents in and read them out; unit trackers send positions in batches.
 */
export function registerIncidentRoutes(app: FastifyInstance, state: () => ServerState): void {
  app.post('/api/v1/incidents', { config: { access: 'incidents.manage' } }, async (request, reply) => {
    const input = incidentCreateSchema.safeParse(request.body);
    if (!input.success) return sendInvalid(reply, input.error);
    const { db, operations } = state();
    const caller = callerOf(request.principal);
    try {
      // A machine client cannot be asked to look at duplicates first: it is taken in, and the
      // possible duplicates come back with it and stand in its timeline for the operators.
      const taken = await takeInIncident(db.sql, caller, {
        ...input.data,
        source: 'agency',
        confirmNotDuplicate: true,
      });
      operations.publish(taken.changes);
      await appendAudit(db.sql, {
        ...actorOf(request.principal),
        action: 'POST /api/v1/incidents',
        target: taken.incident.code,
        ip: request.ip,
        outcome: 'success',
        details: { type: input.data.type, level: taken.incident.level },
      });
      return reply
        .code(201)
        .header('location', `/api/v1/incidents/${taken.incident.id}`)
        .send({ incident: taken.incident, possibleDuplicates: taken.possibleDuplicates });
    } catch (error) {
      if (error instanceof Refusal) return sendRefusal(reply, error);
      throw error;
    }
  });

  app.get('/api/v1/incidents.geojson', { config: { access: 'map.read' } }, async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) return sendInvalid(reply, query.error);
    const incidents = await listIncidents(state().db.read, scopeOf(request.principal), query.data);
    const body = featureCollection(incidents, ({ lon, lat, ...properties }) => ({
      geometry: { type: 'Point' as const, coordinates: [lon, lat] },
      properties,
    }));
    return reply.type('application/geo+json').header('cache-control', 'private, no-cache').send(body);
  });

  app.get('/api/v1/incidents/:id', { config: { access: 'map.read' } }, async (request, reply) => {
    const params = idParams.safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const incident = await getIncident(state().db.read, scopeOf(request.principal), params.data.id);
    if (!incident)
      return reply.code(404).send({ error: 'not_found', message: `no incident ${params.data.id}` });
    return reply.header('cache-control', 'private, no-cache').send(incident);
  });

  app.get(
    '/api/v1/incidents/:id/recommendations',
    { config: { access: 'map.read' } },
    async (request, reply) => {
      const input = recommendationQuery.safeParse({
        ...(request.query as object),
        ...(request.params as object),
      });
      if (!input.success) return sendInvalid(reply, input.error);
      const r = await recommend(state().db.read, scopeOf(request.principal), input.data);
      if (!r) return reply.code(404).send({ error: 'not_found', message: `no incident ${input.data.id}` });
      return reply.header('cache-control', 'private, no-cache').send(r);
    },
  );

  /**
   * A batch of unit positions, `[{ teamCode, ts, lon, lat, speed?, heading? }]`: judged item by
   * item like readings (one unknown unit does not cost the others their positions).
   */
  app.post(
    '/api/v1/units/positions',
    { config: { access: 'ingest.write' }, bodyLimit: 4 * 1024 * 1024 },
    async (request, reply) => {
      const body = z.array(z.unknown()).max(MAX_POSITION_BATCH).safeParse(request.body);
      if (!body.success) return sendInvalid(reply, body.error);
      const { db, operations } = state();
      const outcome = await db.sql.transaction((tx) =>
        ingestUnitPositions(tx, body.data, scopeOf(request.principal)),
      );
      operations.publish(outcome.changes);
      return reply.send(outcome.result);
    },
  );
}
