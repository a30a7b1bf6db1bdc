import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/** A whole request refused: what the sender is told. */
export interface Refusal {
  status: number;
  error: string;
  message: string;
  /** The field the answer names; the body as a whole unless given. */
  field?: string;
}

/** The ways a body fails before its route sees it, by the code the parser fails with. */
export type BodyFailure =
  | 'FST_ERR_CTP_INVALID_JSON_BODY'
  | 'FST_ERR_CTP_EMPTY_JSON_BODY'
  | 'ONEMAP_NOT_UTF8'
  | 'FST_ERR_CTP_BODY_TOO_LARGE'
  | 'FST_ERR_CTP_INVALID_MEDIA_TYPE';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Makes an ingest route's scope read its JSON bodies strictly: as bytes, refused when they are not
 * UTF-8 (the default parser would quietly turn bad bytes into U+FFFD and store what they became),
 * then parsed with the default parser's prototype-poisoning checks. The rest of the API keeps the
 * default parser. A body that fails is answered from `refusals`; the returned `refuse` answers the
 * route's own whole-request refusals the same way. Each refusal is `count`ed in the ingest statistics.
 */
export function strictJsonBodies<R extends Refusal>(
  scope: FastifyInstance,
  options: {
    mediaTypes: string[];
    /** Media types otherwise parsed by default, to be refused as unsupported here. */
    unsupported?: string[];
    refusals: Record<BodyFailure, R>;
    count: (refusal: R) => void;
  },
): (reply: FastifyReply, refusal: R) => FastifyReply {
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser([
    ...options.mediaTypes.filter((type) => scope.hasContentTypeParser(type)),
    ...(options.unsupported ?? []),
  ]);
  scope.addContentTypeParser(options.mediaTypes, { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(Object.assign(new Error('not UTF-8'), { code: 'ONEMAP_NOT_UTF8', statusCode: 400 }));
      return;
    }
    parseJson(request, text, done);
  });

  const refuse = (reply: FastifyReply, refusal: R) => {
    options.count(refusal);
    return reply
      .code(refusal.status)
      .send({ error: refusal.error, message: refusal.message, fields: [refusal.field ?? '(body)'] });
  };
  const refusals = new Map<string, R>(Object.entries(options.refusals));
  scope.setErrorHandler((error: FastifyError, _request, reply) => {
    const refusal = refusals.get(error.code);
    if (!refusal) throw error; // not the body's fault: the server's own handler answers
    return refuse(reply, refusal);
  });
  return refuse;
}
