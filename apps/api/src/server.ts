import fastifyCompress from '@fastify/compress';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { registerHealth } from './http/health.js';
import { registerLayerRoutes } from './http/layers.js';
import { registerWebApp } from './http/web-app.js';
import { type AppRouter, appRouter } from './router.js';

export interface ServerOptions {
  webDist: string;
  version: string;
  logLevel: string;
  /** Request bodies above this are refused with 413. */
  bodyLimitBytes?: number;
}

/**
 * The HTTP face of OneMap. It listens before the database is open, answering 503 until `ready()`,
 * so a health check can tell "starting" from "down" and a taken port fails at once.
 */
export interface OneMapServer {
  app: FastifyInstance;
  ready(ctx: AppContext): void;
  fail(reason: string): void;
}

export async function createServer(options: ServerOptions): Promise<OneMapServer> {
  let ctx: AppContext | null = null;
  let failure: string | null = null;
  const app = Fastify({
    logger: { level: options.logLevel },
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    return503OnClosing: true,
    // A map view makes dozens of tile requests; per-request lines go to debug, errors stay loud.
    disableRequestLogging: true,
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ url: request.url, status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });

  const requireContext = (): AppContext | null => ctx;
  registerHealth(app, { version: options.version, context: requireContext, failure: () => failure });

  app.addHook('onRequest', async (request, reply) => {
    if (ctx || request.url === '/healthz' || !isDataPath(request.url)) return;
    reply.code(503).header('retry-after', '2').send({ error: 'starting', message: 'OneMap is starting up' });
  });

  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    createContext: () => ctx as AppContext,
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        app.log.error({ err: error, path }, 'trpc procedure failed');
    },
  };
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
  registerLayerRoutes(app, requireContext);
  await registerWebApp(app, options.webDist);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(status).send({
      error: status >= 500 ? 'internal_error' : (error.code ?? 'bad_request'),
      message: status >= 500 ? 'internal error' : error.message,
    });
  });

  return {
    app,
    ready(context) {
      ctx = context;
    },
    fail(reason) {
      failure = reason;
    },
  };
}

function isDataPath(url: string): boolean {
  return url.startsWith('/trpc') || url.startsWith('/api/');
}
