import { inReadScope, type ReadScope } from '@onemap/prisma';
import type { FastifyInstance } from 'fastify';
import { isHttps } from './security-headers.js';

declare module 'fastify' {
  interface FastifyRequest {
    readScope: ReadScope;
  }
}

/**
 * Each request reads in a scope of its own (prisma/src/routing.ts): once it has written, its
 * lag-tolerant reads go to the primary, so it sees its own writes. A client that wrote also gets a
 * cookie for a few seconds, and its requests meanwhile read from the primary too: an incident an
 * operator just took in must not vanish from the list the next request loads from a replica a
 * second behind. Without read replicas the scope changes nothing.
 */
export const RECENT_WRITE_COOKIE = 'onemap_wrote';
const RECENT_WRITE_SECONDS = 5;

export function registerReadScope(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    request.readScope = { wrote: false, wroteRecently: request.cookies[RECENT_WRITE_COOKIE] === '1' };
    inReadScope(request.readScope, done);
  });
  // Callback style, not async: an async onSend makes every reply's send asynchronous, and a handler
  // that sends without returning the reply would then be answered twice.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.readScope?.wrote) {
      reply.setCookie(RECENT_WRITE_COOKIE, '1', {
        path: '/',
        maxAge: RECENT_WRITE_SECONDS,
        httpOnly: true,
        sameSite: 'strict',
        secure: isHttps(request.headers['x-forwarded-proto'], request.protocol),
      });
    }
    done(null, payload);
  });
}
