import { OpenAPIHono } from '@hono/zod-openapi';
import type { Core } from '../../core/create-core.js';
import type { Logger } from '../../logger.js';
import { createApiRoutes } from './api-routes.js';
import { createChatRoutes } from './chat-routes.js';
import { throwInvalidInput } from './request-validation.js';
import { healthRoute, mcpRoutes, openApiRoute, readyRoute } from './service-route-definitions.js';

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

export interface RestApi {
  /** The `/api/v1/…` routes (mount after bearer auth). */
  routes: OpenAPIHono;
  /** The OpenAPI document of every route, built from the routes' own zod schemas on first use. */
  document(): OpenApiDocument;
}

/** REST and chat routes under /api/v1 on one OpenAPI-aware app, and the document they describe. */
export function createRestApi(core: Core, logger: Logger, version: string): RestApi {
  const routes = new OpenAPIHono({ defaultHook: throwInvalidInput });
  routes.route('/api/v1', createApiRoutes(core));
  routes.route('/api/v1', createChatRoutes(core, logger));

  // Declared for the document only: these are served by http-app.ts, not by this app.
  const registry = routes.openAPIRegistry;
  for (const route of [healthRoute, readyRoute, openApiRoute, ...mcpRoutes]) registry.registerPath(route);
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An AdEngine API key (`adengine keys create --user EMAIL`).',
  });

  let document: OpenApiDocument | undefined;
  return {
    routes,
    document() {
      document ??= routes.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'AdEngine',
          version,
          description:
            'The REST API of AdEngine. Every route but /health, /ready and this document needs `Authorization: Bearer <api key>`. Every failure is `{"error": {"code", "message"}}`; codes are those of the MCP tools. See docs/rest-api.md.',
        },
        security: [{ bearerAuth: [] }],
        tags: [
          { name: 'models' },
          { name: 'preferences' },
          { name: 'credits' },
          { name: 'assets' },
          { name: 'jobs' },
          { name: 'estimate' },
          { name: 'brand kit' },
          { name: 'chat' },
          { name: 'mcp' },
          { name: 'service' },
        ],
      });
      return document;
    },
  };
}
