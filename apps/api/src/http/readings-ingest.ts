import { MAX_INGEST_BATCH } from '@onemap/domain';
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../context.js';
import { actorOf } from '../services/actor.js';
import { appendAudit } from '../services/audit.js';
import { ingestReadings } from '../services/readings.js';
import { scopeOf } from '../services/scope.js';
import { type BodyFailure, type Refusal, strictJsonBodies } from './strict-json.js';

/**
 * `POST /api/v1/ingest/readings`, in a scope of its own that reads its body strictly as UTF-8 JSON.
 * Every request ends in the ingest statistics: its items judged one by one, or the whole request
 * refused.
 */
const BODY_LIMIT = 4 * 1024 * 1024;

interface ReadingsRefusal extends Refusal {
  /** The reason as counted in the ingest statistics. */
  reason: string;
}

const REFUSALS: Record<BodyFailure, ReadingsRefusal> = {
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
    const refuse = strictJsonBodies(scope, {
      mediaTypes: ['application/json'],
      refusals: REFUSALS,
      count: (refusal) => state().ingestStats.recordRefused('http', refusal.reason),
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
