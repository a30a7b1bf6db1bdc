import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import type { ServerState } from './context.js';
import { registerAuthRoutes } from './http/auth.js';
import { registerGuard } from './http/guard.js';
import { registerHealth } from './http/health.js';
import { registerIncidentRoutes } from './http/incidents.js';
import { registerLayerRoutes } from './http/layers.js';
import { registerReadScope } from './http/read-scope.js';
import { registerRegionRoutes } from './http/regions.js';
import { registerReportRoutes } from './http/reports.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerSensingRoutes } from './http/sensing.js';
import { registerSensorRoutes } from './http/sensors.js';
import { registerWarningRoutes } from './http/warnings.js';
import { registerWebApp } from './http/web-app.js';
import { type AppRouter, appRouter } from './router.js';
import { type AuthPolicy, defaultAuthPolicy } from './services/sessions.js';

export interface ServerOptions {
  webDist: string;
  version: string;
  logLevel: string;
  /** Request bodies above this are refused with 413. */
  bodyLimitBytes?: number;
  auth?: AuthPolicy;
  /** Requests a minute per client address to /api and /trpc: anonymous, signed in, and sign-ins. */
  rateLimits?: { anonymous: number; authenticated: number; login: number };
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: unknown;
}

export const defaultRateLimits = { anonymous: 600, authenticated: 30_000, login: 20 };

/**
 * The HTTP face of OneMap. It listens before the database is open, answering 503 until `ready()`,
 * so a health check can tell "starting" from "down" and a taken port fails at once.
 */
export interface OneMapServer {
  app: FastifyInstance;
  /** Every HTTP route with its access rule, as registered (the authorization matrix test walks these). */
  routes: RegisteredRoute[];
  ready(state: ServerState): void;
  fail(reason: string): void;
}

export async function createServer(options: ServerOptions): Promise<OneMapServer> {
  let state: ServerState | null = null;
  let failure: string | null = null;
  const limits = options.rateLimits ?? defaultRateLimits;
  const app = Fastify({
    logger: { level: options.logLevel },
    bodyLimit: options.bodyLimitBytes ?? 1_048_576,
    return503OnClosing: true,
    // A map view makes dozens of tile requests; per-request lines go to debug, errors stay loud.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: process.env.ONEMAP_TRUST_PROXY === '1',
  });
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, access: route.config?.access });
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ url: request.url, status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });
  registerSecurityHeaders(app);
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
  await app.register(fastifyCookie);
  registerReadScope(app);

  registerHealth(app, { version: options.version, state: () => state, failure: () => failure });
  app.addHook('onRequest', async (request, reply) => {
    if (state || request.url === '/healthz' || !isDataPath(request.url)) return;
    reply.code(503).header('retry-after', '2').send({ error: 'starting', message: 'OneMap is starting up' });
  });
  registerGuard(app, () => state);
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: '1 minute',
    max: (request) => (request.principal?.kind === 'anonymous' ? limits.anonymous : limits.authenticated),
    keyGenerator: (request) => `${request.ip}/${request.principal?.kind ?? 'anonymous'}`,
    allowList: (request) => !isDataPath(request.url),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'too_many_requests',
      message: `rate limit of ${context.max} requests a minute reached; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    createContext: ({ req }) => ({
      db: (state as ServerState).db,
      version: options.version,
      events: (state as ServerState).events,
      operations: (state as ServerState).operations,
      ingestStats: (state as ServerState).ingestStats,
      principal: req.principal,
      ip: req.ip,
      secret: req.secret,
    }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        app.log.error({ err: error, path }, 'trpc procedure failed');
    },
  };
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });
  registerAuthRoutes(app, () => state as ServerState, options.auth ?? defaultAuthPolicy, limits.login);
  registerLayerRoutes(app, () => state as ServerState);
  registerSensorRoutes(app, () => state as ServerState);
  registerSensingRoutes(app, () => state as ServerState);
  registerWarningRoutes(app, () => state as ServerState);
  registerReportRoutes(app, () => state as ServerState);
  registerIncidentRoutes(app, () => state as ServerState);
  registerRegionRoutes(app, () => state as ServerState);
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
    routes,
    ready(s) {
      state = s;
    },
    fail(reason) {
      failure = reason;
    },
  };
}

function isDataPath(url: string): boolean {
  return url.startsWith('/trpc') || url.startsWith('/api/');
}
