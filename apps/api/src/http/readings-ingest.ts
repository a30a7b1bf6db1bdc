import { MAX_INGEST_BATCH } from '@onemap/domain';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { ingestReadings } from '../services/readings.js';
import { scopeOf } from '../services/scope.js';

/**
 * `POST /api/v1/ingest/readings`, in a scope of its own: its body is read as bytes and refused when
 * it is not UTF-8 (the default parser would quietly turn bad bytes into U+FFFD and store what they
 * became), then parsed as JSON with the default parser's prototype-poisoning checks. Every request
 * ends in the ingest statistics: its items judged one by one, or the whole request refused.
 */
const BODY_LIMIT = 4 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

interface Refusal {
  status: number;
  error: string;
  message: string;
  /** The reason as counted in the ingest statistics. */
  reason: string;
}

const REFUSALS: Record<string, Refusal> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    error: 'bad_request',
    message: 'the body is not valid JSON',
    reason: 'request: malformed JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    error: 'bad_request',
    message: 'the body is empty; send a JSON array of readings',
    reason: 'request: empty body',
  },
  ONEMAP_NOT_UTF8: {
    status: 400,
    error: 'bad_request',
    message: 'the body is not valid UTF-8',
    reason: 'request: not UTF-8',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    error: 'too_large',
    message: `the body is larger than ${BODY_LIMIT / 1024 / 1024} MiB`,
    reason: 'request: body too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'send the readings as application/json',
    reason: 'request: not JSON',
  },
};

export function registerReadingsIngest(app: FastifyInstance, state: () => ServerState): void {
  app.register(async (scope) => {
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string;
      try {
        text = utf8.decode(body as Buffer);
      } catch {
        done(Object.assign(new Error('not UTF-8'), { code: 'ONEMAP_NOT_UTF8', statusCode: 400 }));
        return;
      }
      parseJson(request, text, done);
    });

    const refuse = (reply: FastifyReply, refusal: Refusal) => {
      state().ingestStats.recordRefused('http', refusal.reason);
      return reply
        .code(refusal.status)
        .send({ error: refusal.error, message: refusal.message, fields: ['(body)'] });
    };
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const refusal = REFUSALS[error.code];
      if (!refusal) throw error; // not the body's fault: the server's own handler answers
      return refuse(reply, refusal);
    });

    scope.post(
      '/api/v1/ingest/readings',
      { config: { access: 'ingest.write' }, bodyLimit: BODY_LIMIT },
      async (request, reply) => {
        const body = request.body;
        if (!Array.isArray(body)) {
          return refuse(reply, {
            status: 400,
            error: 'bad_request',
            message: 'the body must be a JSON array of readings',
            reason: 'request: not a JSON array',
          });
        }
        if (body.length > MAX_INGEST_BATCH) {
          return refuse(reply, {
            status: 413,
            error: 'too_large',
            message: `at most ${MAX_INGEST_BATCH} readings a request, got ${body.length}`,
            reason: `request: more than ${MAX_INGEST_BATCH} readings`,
          });
        }
        const { db, events, ingestStats } = state();
        const result = await ingestReadings(db.sql, body, scopeOf(request.principal), {
          onChanges: (changes) => events.publish(changes),
        });
        ingestStats.recordReadings('http', result);
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
  });
}
