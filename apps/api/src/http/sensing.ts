import {
  type Access,
  geojsonIngestQuerySchema,
  MAX_GEOJSON_BYTES,
  MAX_GEOJSON_FEATURES,
  remoteSensingKinds,
  SENSING_DEFAULT_WINDOW_MS,
  SENSING_MAX_WINDOW_MS,
  sensingWindowSchema,
} from '@onemap/domain';
import type { SqlClient } from '@onemap/prisma';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { cameraStill, camerasGeoJson } from '../services/cameras.js';
import { droneFlightsGeoJson } from '../services/drone-flights.js';
import type { SensingFilter } from '../services/layer-geojson.js';
import { hotspotsGeoJson, ingestGeojson, sensingAreasGeoJson } from '../services/remote-sensing.js';
import { type RegionScope, scopeOf } from '../services/scope.js';
import { sendInvalid } from './errors.js';
import { sendWithEtag } from './layers.js';
import { bboxQuerySchema } from './query.js';
import { type BodyFailure, type Refusal, strictJsonBodies } from './strict-json.js';

/** Whole-request refusals of the GeoJSON ingest, by the parser's error code. */
const REFUSALS: Record<BodyFailure, Refusal> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'bad_request', message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    error: 'bad_request',
    message: 'the body is empty; send a GeoJSON FeatureCollection',
  },
  ONEMAP_NOT_UTF8: { status: 400, error: 'bad_request', message: 'the body is not valid UTF-8' },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    error: 'too_large',
    message: `the body is larger than ${MAX_GEOJSON_BYTES / 1024 / 1024} MiB`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'send the products as application/geo+json or application/json',
  },
};

const layerQuerySchema = z
  .object({
    bbox: bboxQuerySchema,
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
    kind: remoteSensingKinds.schema.exclude(['fire_hotspot']).optional(),
  })
  .and(sensingWindowSchema);

type LayerFilter = SensingFilter & { kind: string | null };

/** The window a layer request asks for: the last 72 hours unless it says otherwise. */
function filterOf(request: FastifyRequest, reply: FastifyReply) {
  const query = layerQuerySchema.safeParse(request.query);
  if (!query.success) {
    sendInvalid(reply, query.error);
    return null;
  }
  const q = query.data;
  const now = Date.now();
  const since = q.since ? Date.parse(q.since) : now - SENSING_DEFAULT_WINDOW_MS;
  const until = q.until ? Date.parse(q.until) : null;
  if ((until ?? now) - since > SENSING_MAX_WINDOW_MS) {
    reply.code(400).send({
      error: 'bad_request',
      message: `since: a window spans at most ${SENSING_MAX_WINDOW_MS / 86_400_000} days`,
      fields: ['since'],
    });
    return null;
  }
  const filter: LayerFilter = {
    since: new Date(since).toISOString(),
    until: until === null ? null : new Date(until).toISOString(),
    bbox: q.bbox,
    limit: q.limit,
    kind: q.kind ?? null,
  };
  return filter;
}

/** The sensing layers, each read with the same window, box and limit (`filterOf`). */
const LAYERS: Array<{
  path: string;
  access: Access;
  load: (sql: SqlClient, scope: RegionScope, filter: LayerFilter) => Promise<unknown>;
}> = [
  { path: '/api/v1/layers/hotspots.geojson', access: 'public', load: hotspotsGeoJson },
  { path: '/api/v1/layers/sensingAreas.geojson', access: 'map.read', load: sensingAreasGeoJson },
  { path: '/api/v1/layers/droneFlights.geojson', access: 'map.read', load: droneFlightsGeoJson },
  { path: '/api/v1/layers/cameras.geojson', access: 'map.read', load: camerasGeoJson },
];

/**
 * The other sensing channels on the open interface: remote-sensing products in (GeoJSON from the
 * agencies that make them), the products, drone flights and camera views out as layers, and each
 * camera's still.
 */
export function registerSensingRoutes(app: FastifyInstance, state: () => ServerState): void {
  for (const layer of LAYERS) {
    app.get(layer.path, { config: { access: layer.access } }, async (request, reply) => {
      const filter = filterOf(request, reply);
      if (!filter) return reply;
      const body = await layer.load(state().db.read, scopeOf(request.principal), filter);
      return sendWithEtag(
        reply,
        request.headers['if-none-match'],
        Buffer.from(JSON.stringify(body)),
        'application/geo+json',
      );
    });
  }

  app.get('/api/v1/cameras/:code/still', { config: { access: 'map.read' } }, async (request, reply) => {
    const params = z.object({ code: z.string().min(1).max(64) }).safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const svg = await cameraStill(state().db.sql, scopeOf(request.principal), params.data.code);
    if (!svg) return reply.code(404).send({ error: 'not_found', message: `no camera ${params.data.code}` });
    // Drawn per request with the time on it: never cached, and private to the caller's region.
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, no-store').send(svg);
  });

  // The ingest reads its body strictly as UTF-8 JSON, GeoJSON's own media type too, in a scope of
  // its own so the rest of the API keeps the default parser.
  app.register(async (scope) => {
    const refuse = strictJsonBodies(scope, {
      mediaTypes: ['application/json', 'application/geo+json'],
      unsupported: ['text/plain'],
      refusals: REFUSALS,
      count: (refusal) => state().ingestStats.recordGeojson(0, [{ reason: `request: ${refusal.message}` }]),
    });

    scope.post(
      '/api/v1/ingest/geojson',
      { config: { access: 'ingest.write' }, bodyLimit: MAX_GEOJSON_BYTES },
      async (request, reply) => {
        const query = geojsonIngestQuerySchema.safeParse(request.query);
        if (!query.success) {
          state().ingestStats.recordGeojson(0, [{ reason: 'request: bad channel or kind' }]);
          return sendInvalid(reply, query.error);
        }
        const body = request.body as { type?: unknown; features?: unknown } | null;
        if (
          typeof body !== 'object' ||
          body === null ||
          Array.isArray(body) ||
          body.type !== 'FeatureCollection'
        ) {
          return refuse(reply, {
            status: 400,
            error: 'bad_request',
            message: 'the body must be a GeoJSON FeatureCollection',
            field: 'type',
          });
        }
        if (!Array.isArray(body.features)) {
          return refuse(reply, {
            status: 400,
            error: 'bad_request',
            message: 'a FeatureCollection holds an array of features',
            field: 'features',
          });
        }
        if (body.features.length > MAX_GEOJSON_FEATURES) {
          return refuse(reply, {
            status: 413,
            error: 'too_large',
            message: `at most ${MAX_GEOJSON_FEATURES} features a request, got ${body.features.length}`,
            field: 'features',
          });
        }
        const { db, ingestStats } = state();
        const result = await ingestGeojson(db.sql, body.features, query.data, scopeOf(request.principal));
        ingestStats.recordGeojson(result.accepted, result.rejected);
        await appendAudit(db.sql, {
          ...actorOf(request.principal),
          action: 'ingest.geojson',
          target: `${query.data.channel}/${query.data.kind}`,
          ip: request.ip,
          outcome: 'success',
          details: { accepted: result.accepted, rejected: result.rejected.length },
        });
        return reply.send(result);
      },
    );
  });
}
