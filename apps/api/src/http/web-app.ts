import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built web app from the API's own port. Client-side routes fall back to index.html;
 * unknown API paths answer 404 JSON, never the app's HTML.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const hasWeb = existsSync(`${webDist}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      // Files are looked up per request, so a rebuilt app is served without a restart.
      wildcard: true,
      cacheControl: false,
      // Hashed asset names never change content; the basemap and index are revalidated.
      setHeaders(res, path) {
        res.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const apiPath = /^\/(api|trpc|healthz)(\/|$)/.test(request.url);
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    // A missing file (a path with an extension) is a 404, not the app: a stale asset URL must fail visibly.
    const looksLikeFile = /\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
    if (hasWeb && request.method === 'GET' && !apiPath && !looksLikeFile && wantsHtml) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .code(404)
      .send({ error: 'not_found', message: `no route for ${request.method} ${request.url}` });
  });
}
