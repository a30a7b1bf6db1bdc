import { alarmQuerySchema, MAX_INGEST_BATCH, readingsQuerySchema } from '@onemap/domain';
import { parseBBox } from '@onemap/geo';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { listAlarms } from '../services/alarms.js';
import { appendAudit } from '../services/audit.js';
import { ingestReadings, sensorReadings } from '../services/readings.js';
import { scopeOf } from '../services/scope.js';
import { sensorByCode, sensorsGeoJson } from '../services/sensors.js';
import { sendInvalid } from './errors.js';

const listQuerySchema = z.object({
  bbox: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return null;
      const bbox = parseBBox(text);
      if (typeof bbox === 'string') {
        ctx.addIssue({ code: 'custom', message: bbox });
        return z.NEVER;
      }
      return bbox;
    }),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});
const codeSchema = z.object({ code: z.string().min(1).max(64) });

/** Sensors and their readings on the open interface; ingest for gateways. */
export function registerSensorRoutes(app: FastifyInstance, state: () => ServerState): void {
  app.get('/api/v1/sensors.geojson', { config: { access: 'map.read' } }, async (request, reply) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) return sendInvalid(reply, query.error);
    const body = await sensorsGeoJson(state().db.sql, scopeOf(request.principal), query.data);
    return reply.type('application/geo+json').header('cache-control', 'private, no-cache').send(body);
  });

  app.get('/api/v1/sensors/:code', { config: { access: 'map.read' } }, async (request, reply) => {
    const params = codeSchema.safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const sensor = await sensorByCode(state().db.sql, scopeOf(request.principal), params.data.code);
    if (!sensor)
      return reply.code(404).send({ error: 'not_found', message: `no sensor ${params.data.code}` });
    return reply.type('application/geo+json').send(sensor);
  });

  app.get('/api/v1/sensors/:code/readings', { config: { access: 'map.read' } }, async (request, reply) => {
    const params = codeSchema.safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const query = readingsQuerySchema.safeParse(request.query);
    if (!query.success) return sendInvalid(reply, query.error);
    const readings = await sensorReadings(
      state().db.sql,
      params.data.code,
      scopeOf(request.principal),
      query.data,
    );
    if (!readings)
      return reply.code(404).send({ error: 'not_found', message: `no sensor ${params.data.code}` });
    return reply.send(readings);
  });

  app.get('/api/v1/alarms', { config: { access: 'map.read' } }, async (request, reply) => {
    const query = alarmQuerySchema.safeParse(request.query);
    if (!query.success) return sendInvalid(reply, query.error);
    return reply.send(await listAlarms(state().db.sql, scopeOf(request.principal), query.data));
  });

  app.post(
    '/api/v1/ingest/readings',
    { config: { access: 'ingest.write' }, bodyLimit: 4 * 1024 * 1024 },
    async (request, reply) => {
      const body = request.body;
      if (!Array.isArray(body)) {
        return reply.code(400).send({
          error: 'bad_request',
          message: 'the body must be a JSON array of readings',
          fields: ['(body)'],
        });
      }
      if (body.length > MAX_INGEST_BATCH) {
        return reply.code(413).send({
          error: 'too_large',
          message: `at most ${MAX_INGEST_BATCH} readings a request, got ${body.length}`,
        });
      }
      const { db, events } = state();
      const result = await ingestReadings(db.sql, body, scopeOf(request.principal), {
        onChanges: (changes) => events.publish(changes),
      });
      await appendAudit(db.sql, {
        ...actorOf(request.principal),
        action: 'ingest.readings',
        ip: request.ip,
        outcome: 'success',
        details: { accepted: result.accepted, rejected: result.rejected.length },
      });
      return reply.send(result);
    },
  );
}
