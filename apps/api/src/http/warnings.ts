import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CAP_NAMESPACE, CapRejection } from '../cap/alert.js';
import { MAX_CAP_BYTES } from '../cap/read.js';
import { escapeXml } from '../cap/write.js';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import type { IngestStatsRecorder } from '../services/ingest-stats.js';
import { feedWarnings, importCap, warningCaller, warningCap } from '../services/warnings.js';
import { sendInvalid } from './errors.js';

const CAP_TYPES = ['application/xml', 'text/xml', 'application/cap+xml'];

const ERROR_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  403: 'forbidden',
  409: 'conflict',
  413: 'too_large',
  415: 'unsupported_media_type',
};

/** A CAP request refused: answered, and counted in the ingest statistics with its reason. */
function refuse(reply: FastifyReply, rejection: CapRejection, stats: IngestStatsRecorder) {
  stats.recordCap({ accepted: false, reason: `${rejection.reason}: ${rejection.message}` });
  return reply.code(rejection.status).send({
    error: ERROR_OF_STATUS[rejection.status] ?? 'bad_request',
    reason: rejection.reason,
    message: rejection.message,
  });
}

const feedQuerySchema = z.object({ all: z.enum(['0', '1']).optional() });
const fileSchema = z.object({
  file: z
    .string()
    .regex(/^\d{1,9}\.cap$/, 'expected <id>.cap')
    .transform((f) => Number(f.slice(0, -4))),
});

/**
 * Warnings on the open interface: CAP ingest for other agencies' systems, and the public feeds
 * (Atom, GeoJSON, each warning as CAP) that other systems and the public page read.
 */
export function registerWarningRoutes(app: FastifyInstance, state: () => ServerState): void {
  const refuseCounted = (reply: FastifyReply, rejection: CapRejection) =>
    refuse(reply, rejection, state().ingestStats);
  // The XML content types are parsed (as raw bytes: the CAP reader checks the encoding itself) only
  // for the ingest route, inside this plugin's scope.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      CAP_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_CAP_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.post(
      '/api/v1/ingest/cap',
      {
        config: { access: 'ingest.write' },
        bodyLimit: MAX_CAP_BYTES,
        errorHandler: (error: FastifyError, request, reply) => {
          if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
            return refuseCounted(
              reply,
              new CapRejection('too_large', `a CAP document may be at most ${MAX_CAP_BYTES} bytes`, 413),
            );
          }
          if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
            return refuseCounted(reply, wrongType(request));
          throw error;
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) return refuseCounted(reply, wrongType(request));
        const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
        const { db } = state();
        const audit = (outcome: 'success' | 'failure', details: Record<string, unknown>) =>
          appendAudit(db.sql, {
            ...actorOf(request.principal),
            action: 'ingest.cap',
            ip: request.ip,
            outcome,
            details,
          });
        try {
          if (charset && charset.toLowerCase() !== 'utf-8') {
            throw new CapRejection(
              'encoding_not_utf8',
              `the content type names charset ${charset.slice(0, 40)}; only UTF-8 is accepted`,
            );
          }
          const result = await importCap(db.sql, warningCaller(request.principal), request.body);
          await audit('success', { ...result });
          state().ingestStats.recordCap({ accepted: true });
          return reply
            .code(result.outcome === 'created' ? 201 : 200)
            .send({ id: result.id, identifier: result.identifier, outcome: result.outcome });
        } catch (error) {
          if (!(error instanceof CapRejection)) throw error;
          await audit('failure', { reason: error.reason });
          return refuseCounted(reply, error);
        }
      },
    );
  });

  app.get('/api/v1/warnings.geojson', { config: { access: 'public' } }, async (request, reply) => {
    const query = feedQuerySchema.safeParse(request.query);
    if (!query.success) return sendInvalid(reply, query.error);
    const warnings = await feedWarnings(state().db.read, query.data.all === '1');
    return reply
      .type('application/geo+json')
      .header('cache-control', 'no-cache')
      .send({
        type: 'FeatureCollection',
        features: warnings.map((w) => ({
          type: 'Feature',
          id: w.properties.id,
          geometry: w.geometry,
          properties: w.properties,
        })),
      });
  });

  app.get('/api/v1/warnings.atom', { config: { access: 'public' } }, async (request, reply) => {
    const warnings = await feedWarnings(state().db.read, false);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(atomFeed(baseUrl(request), warnings));
  });

  app.get('/api/v1/warnings/:file', { config: { access: 'public' } }, async (request, reply) => {
    const params = fileSchema.safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const id = params.data.file;
    const xml = await warningCap(state().db.sql, warningCaller(request.principal), id);
    if (!xml) return reply.code(404).send({ error: 'not_found', message: `no warning ${id}` });
    return reply.type('application/cap+xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);
  });
}

function wrongType(request: FastifyRequest): CapRejection {
  const type = (request.headers['content-type'] ?? 'none').slice(0, 60);
  return new CapRejection(
    'unsupported_media_type',
    `content type ${type}: send the CAP document as ${CAP_TYPES.join(', ')}`,
    415,
  );
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** An Atom 1.0 feed of the warnings in force, each entry linking to its CAP document (cap-feeds style). */
function atomFeed(base: string, warnings: Awaited<ReturnType<typeof feedWarnings>>): string {
  const self = `${base}/api/v1/warnings.atom`;
  const updated =
    warnings
      .map((w) => w.updatedAt)
      .sort()
      .at(-1) ?? new Date(0).toISOString();
  const entries = warnings.map(({ properties: p, updatedAt }) => {
    const cap = `${base}/api/v1/warnings/${p.id}.cap`;
    return `  <entry>
    <id>${escapeXml(cap)}</id>
    <title>${escapeXml(p.headline)}</title>
    <updated>${updatedAt}</updated>
    <published>${p.sent ?? updatedAt}</published>
    <author><name>${escapeXml(p.senderName ?? p.sender)}</name></author>
    <summary>${escapeXml(`${p.event}：${p.areaDesc}`)}</summary>
    <category term="${escapeXml(p.severity)}" label="severity"/>
    <link rel="alternate" type="application/cap+xml" href="${escapeXml(cap)}"/>
    <cap:identifier>${escapeXml(p.identifier)}</cap:identifier>
    <cap:event>${escapeXml(p.event)}</cap:event>
    <cap:severity>${p.severity}</cap:severity>
    <cap:urgency>${p.urgency}</cap:urgency>
    <cap:certainty>${p.certainty}</cap:certainty>
    <cap:effective>${p.effective}</cap:effective>
    <cap:expires>${p.expires}</cap:expires>
    <cap:areaDesc>${escapeXml(p.areaDesc)}</cap:areaDesc>
  </entry>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="${CAP_NAMESPACE}">`,
    `  <id>${escapeXml(self)}</id>`,
    '  <title>OneMap 预警信息 (early warnings in force)</title>',
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>`,
    '  <author><name>OneMap</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
