import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { Config } from '../config/config.js';
import { limitDefaults } from '../config/limit-defaults.js';
import type { Core } from '../core/create-core.js';
import { RateLimiter } from '../core/rate-limiter.js';
import { createReadPolicy } from '../core/read-policy.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logger.js';
import { bearerAuth } from './bearer-auth.js';
import { hostAllowList } from './host-allow-list.js';
import { createHttpErrorHandler } from './http-error-handler.js';
import { createMcpRoute } from './mcp/mcp-http-route.js';
import { createRestApi } from './routes/rest-api.js';
import { createWebRoutes } from './web/web-routes.js';

export interface HttpAppOptions {
  core: Core;
  logger: Logger;
  http: Config['http'];
  version: string;
  /** Routes mounted before auth (e.g. local presigned asset links, which carry their own signature). */
  publicRoutes?: Array<{ path: string; app: Hono }>;
  /** Origins asset links point at besides this server (web/media-origins.ts), for the page's CSP. */
  mediaOrigins?: readonly string[];
  /** Sessions, reads and per-user rates (docs/security.md); the documented defaults when absent. */
  limits?: Pick<Config, 'mcp' | 'rateLimits'>;
  /** The clock of session idleness and rate buckets (tests move it). */
  now?: () => number;
  /** How often open MCP sessions' keys are checked for revocation; default 5 s. */
  keyCheckMs?: number;
  /**
   * The secret 2026 input-required `requestState` keys derive from; shared by every instance so a
   * round answered on another one is accepted (docs/scale-out.md). Absent: one key per process.
   */
  requestStateSecret?: () => Promise<string>;
}

/** Every authenticated request takes one token from its user's request bucket. */
function requestRateLimit(limiter: RateLimiter): MiddlewareHandler {
  return async function limitRequests(context, next) {
    limiter.takeFor('request', context.get('user').id);
    await next();
  };
}

/** A Hono app whose every failure leaves through the one error handler. */
function baseApp(logger: Logger, version: string): Hono {
  const app = new Hono();
  app.onError(createHttpErrorHandler(logger));
  app.notFound((context) => {
    throw new AppError('NOT_FOUND', `no route ${context.req.method} ${context.req.path}`);
  });
  app.get('/health', (context) => context.json({ status: 'ok', version }));
  return app;
}

/** What `serve` answers between binding its port and having the core ready. */
export function createStartingApp(logger: Logger, version: string): Hono {
  const app = baseApp(logger, version);
  // /health already answers (the process listens); /ready says why it is not ready yet.
  app.get('/ready', () => {
    throw new AppError(
      'UNAVAILABLE',
      'not ready: the database is opening (a first start creates it); retry in a moment',
      { retryAfterSeconds: 1 },
    );
  });
  app.all('*', () => {
    throw new AppError('UNAVAILABLE', 'the server is starting; retry in a moment', { retryAfterSeconds: 1 });
  });
  return app;
}

/** The Hono app of `adengine serve`: health, MCP, REST, signed asset links. */
export function createHttpApp(options: HttpAppOptions): {
  app: Hono;
  close(): Promise<void>;
  /** Open MCP sessions. */
  sessions(): number;
} {
  const { core, logger } = options;
  const app = baseApp(logger, options.version);
  app.get('/ready', async (context) => {
    try {
      await core.checkDatabase();
      return context.json({ status: 'ready', database: 'ok' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      throw new AppError('UNAVAILABLE', 'not ready: the database is unreachable');
    }
  });

  app.use('*', hostAllowList(options.http.allowedHosts));
  for (const route of options.publicRoutes ?? []) app.route(route.path, route.app);
  // The web page and its static files hold no data: served before auth (the page sends the key).
  app.route('/', createWebRoutes({ mediaOrigins: options.mediaOrigins ?? [] }));

  // ADENGINE_AUTH=none (development only; production refuses it): no key means the local user.
  const auth = bearerAuth(
    () => core,
    options.http.auth === 'none' ? async () => (await core.ensureLocalUser()).user : undefined,
  );
  const limits = options.limits ?? limitDefaults;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(limits.rateLimits, now);
  const mcp = createMcpRoute({
    core,
    logger,
    version: options.version,
    limits: limits.mcp,
    limiter,
    reads: createReadPolicy(limits.mcp),
    now,
    ...(options.keyCheckMs === undefined ? {} : { keyCheckMs: options.keyCheckMs }),
    ...(options.requestStateSecret === undefined ? {} : { requestStateSecret: options.requestStateSecret }),
  });
  // The route bounds its body itself (4 MiB): Hono's bodyLimit would build a web Request per POST.
  app.use('/mcp', auth, requestRateLimit(limiter));
  app.all('/mcp', mcp.handle);
  const restApi = createRestApi(core, logger, options.version);
  // Registered before auth: the document describes the API and holds no data (docs/rest-api.md).
  app.get('/api/v1/openapi.json', (context) => context.json(restApi.document()));
  app.use('/api/v1/*', auth, requestRateLimit(limiter));
  app.route('/', restApi.routes);
  return { app, close: mcp.close, sessions: mcp.size };
}
