import { alarmQuerySchema, readingsQuerySchema } from '@onemap/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerState } from '../context.js';
import { listAlarms } from '../services/alarms.js';
import { sensorReadings } from '../services/readings.js';
import { scopeOf } from '../services/scope.js';
import { sensorByCode, sensorsGeoJson } from '../services/sensors.js';
import { sendInvalid } from './errors.js';
import { bboxQuerySchema } from './query.js';
import { registerReadingsIngest } from './readings-ingest.js';

const listQuerySchema = z.object({
  bbox: bboxQuerySchema,
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});
const codeSchema = z.object({ code: z.string().min(1).max(64) });

/** Sensors and their readings on the open interface; ingest for gateways. */
export function registerSensorRoutes(app: FastifyInstance, state: () => ServerState): void {
  app.get('/api/v1/sensors.geojson', { config: { access: 'map.read' } }, async (request, reply) => {
    const query = listQuerySchema.safeParse(request.query);
    if (!query.success) return sendInvalid(reply, query.error);
    const body = await sensorsGeoJson(state().db.read, scopeOf(request.principal), query.data);
    return reply.type('application/geo+json').header('cache-control', 'private, no-cache').send(body);
  });

  app.get('/api/v1/sensors/:code', { config: { access: 'map.read' } }, async (request, reply) => {
    const params = codeSchema.safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const sensor = await sensorByCode(state().db.read, scopeOf(request.principal), params.data.code);
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
      state().db.read,
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
    return reply.send(await listAlarms(state().db.read, scopeOf(request.principal), query.data));
  });

  registerReadingsIngest(app, state);
}
