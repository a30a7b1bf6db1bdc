import {
  geojsonIngestQuerySchema,
  MAX_GEOJSON_BYTES,
  MAX_GEOJSON_FEATURES,
  remoteSensingKinds,
  SENSING_DEFAULT_WINDOW_MS,
  SENSING_MAX_WINDOW_MS,
  sensingWindowSchema,
} from '@onemap/domain';
import { parseBBox } from '@onemap/geo';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { cameraStill, camerasGeoJson } from '../services/cameras.js';
import { droneFlightsGeoJson } from '../services/drone-flights.js';
import {
  hotspotsGeoJson,
  ingestGeojson,
  type SensingFilter,
  sensingAreasGeoJson,
} from '../services/remote-sensing.js';
import { scopeOf } from '../services/scope.js';
import { sendInvalid } from './errors.js';
import { sendWithEtag } from './layers.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whole-request refusals of the GeoJSON ingest, by the parser's error code. */
const REFUSALS: Record<string, { status: number; error: string; message: string }> = {
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

const bboxSchema = z
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
  });

const layerQuerySchema = z
  .object({
    bbox: bboxSchema,
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
    kind: remoteSensingKinds.schema.exclude(['fire_hotspot']).optional(),
  })
  .and(sensingWindowSchema);

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
  const filter: SensingFilter & { kind: string | null } = {
    since: new Date(since).toISOString(),
    until: until === null ? null : new Date(until).toISOString(),
    bbox: q.bbox,
    limit: q.limit,
    kind: q.kind ?? null,
  };
  return filter;
}

function sendGeoJson(request: FastifyRequest, reply: FastifyReply, body: unknown) {
  return sendWithEtag(
    reply,
    request.headers['if-none-match'],
    Buffer.from(JSON.stringify(body)),
    'application/geo+json',
  );
}

/**
 * The other sensing channels on the open interface: remote-sensing products in (GeoJSON from the
 * agencies that make them), the products, drone flights and camera views out as layers, and each
 * camera's still.
 */
export function registerSensingRoutes(app: FastifyInstance, state: () => ServerState): void {
  app.get('/api/v1/layers/hotspots.geojson', { config: { access: 'public' } }, async (request, reply) => {
    const filter = filterOf(request, reply);
    if (!filter) return reply;
    return sendGeoJson(
      request,
      reply,
      await hotspotsGeoJson(state().db.sql, scopeOf(request.principal), filter),
    );
  });

  app.get(
    '/api/v1/layers/sensingAreas.geojson',
    { config: { access: 'map.read' } },
    async (request, reply) => {
      const filter = filterOf(request, reply);
      if (!filter) return reply;
      return sendGeoJson(
        request,
        reply,
        await sensingAreasGeoJson(state().db.sql, scopeOf(request.principal), filter),
      );
    },
  );

  app.get(
    '/api/v1/layers/droneFlights.geojson',
    { config: { access: 'map.read' } },
    async (request, reply) => {
      const filter = filterOf(request, reply);
      if (!filter) return reply;
      return sendGeoJson(
        request,
        reply,
        await droneFlightsGeoJson(state().db.sql, scopeOf(request.principal), filter),
      );
    },
  );

  app.get('/api/v1/layers/cameras.geojson', { config: { access: 'map.read' } }, async (request, reply) => {
    const filter = filterOf(request, reply);
    if (!filter) return reply;
    return sendGeoJson(
      request,
      reply,
      await camerasGeoJson(state().db.sql, scopeOf(request.principal), filter),
    );
  });

  app.get('/api/v1/cameras/:code/still', { config: { access: 'map.read' } }, async (request, reply) => {
    const params = z.object({ code: z.string().min(1).max(64) }).safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const svg = await cameraStill(state().db.sql, scopeOf(request.principal), params.data.code);
    if (!svg) return reply.code(404).send({ error: 'not_found', message: `no camera ${params.data.code}` });
    // Drawn per request with the time on it: never cached, and private to the caller's region.
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, no-store').send(svg);
  });

  // The ingest parses its body itself (UTF-8 strictly, GeoJSON's own media type too), in a scope
  // of its own so the rest of the API keeps the default parser.
  app.register(async (scope) => {
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser(
      ['application/json', 'application/geo+json'],
      { parseAs: 'buffer' },
      (request, body, done) => {
        let text: string;
        try {
          text = utf8.decode(body as Buffer);
        } catch {
          done(Object.assign(new Error('not UTF-8'), { code: 'ONEMAP_NOT_UTF8', statusCode: 400 }));
          return;
        }
        parseJson(request, text, done);
      },
    );
    const refuse = (reply: FastifyReply, status: number, error: string, message: string, field: string) => {
      state().ingestStats.recordGeojson(0, [{ reason: `request: ${message}` }]);
      return reply.code(status).send({ error, message, fields: [field] });
    };
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const refusal = REFUSALS[error.code];
      if (!refusal) throw error;
      return refuse(reply, refusal.status, refusal.error, refusal.message, '(body)');
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
          return refuse(reply, 400, 'bad_request', 'the body must be a GeoJSON FeatureCollection', 'type');
        }
        if (!Array.isArray(body.features)) {
          return refuse(
            reply,
            400,
            'bad_request',
            'a FeatureCollection holds an array of features',
            'features',
          );
        }
        if (body.features.length > MAX_GEOJSON_FEATURES) {
          return refuse(
            reply,
            413,
            'too_large',
            `at most ${MAX_GEOJSON_FEATURES} features a request, got ${body.features.length}`,
            'features',
          );
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
