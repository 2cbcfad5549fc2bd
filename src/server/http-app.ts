import { Hono } from 'hono';
import { sql } from 'kysely';
import { ensureLocalUser } from '../app/local-user.js';
import type { Services } from '../app/services.js';
import { bearerAuth } from './bearer-auth.js';
import { hostAllowList } from './host-allow-list.js';
import { createHttpErrorHandler } from './http-error-handler.js';
import { createMcpRoute } from './mcp/mcp-http-route.js';
import { createApiRoutes } from './routes/api-routes.js';

export interface HttpAppOptions {
  version: string;
  /** Routes mounted before auth (e.g. local presigned asset links, which carry their own signature). */
  publicRoutes?: Array<{ path: string; app: Hono }>;
}

/** The Hono app of `adengine serve`: health, MCP, REST, signed asset links. */
export function createHttpApp(
  services: Services,
  options: HttpAppOptions,
): { app: Hono; close(): Promise<void> } {
  const app = new Hono();
  app.onError(createHttpErrorHandler(services.logger));
  app.notFound((context) =>
    context.json(
      { error: { code: 'NOT_FOUND', message: `no route ${context.req.method} ${context.req.path}` } },
      404,
    ),
  );

  app.get('/health', (context) => context.json({ status: 'ok', version: options.version }));
  app.get('/ready', async (context) => {
    try {
      await sql`select 1`.execute(services.db);
      return context.json({ status: 'ready', database: 'ok' });
    } catch (error) {
      services.logger.warn({ err: error }, 'readiness check failed');
      return context.json({ status: 'not ready', database: 'unreachable' }, 503);
    }
  });

  app.use('*', hostAllowList(services.config.http.allowedHosts));
  for (const route of options.publicRoutes ?? []) app.route(route.path, route.app);

  // ADENGINE_AUTH=none (development only; production refuses it): no key means the local user.
  const auth = bearerAuth(
    services.db,
    services.config.http.auth === 'none' ? async () => (await ensureLocalUser(services)).user : undefined,
  );
  const mcp = createMcpRoute(services, { version: options.version });
  app.use('/mcp', auth);
  app.all('/mcp', mcp.handle);
  app.use('/api/v1/*', auth);
  app.route('/api/v1', createApiRoutes(services));
  return { app, close: mcp.close };
}
