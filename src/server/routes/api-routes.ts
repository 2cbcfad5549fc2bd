import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { plainCaller } from '../../core/caller.js';
import type { Core } from '../../core/create-core.js';
import { parseEstimateRequest } from '../../tools/estimate-cost-tool.js';
import {
  cancelJobRoute,
  estimateRoute,
  getBrandKitRoute,
  getPreferencesRoute,
  listAssetsRoute,
  listModelsRoute,
  readCreditsRoute,
  readJobRoute,
  setBrandKitRoute,
  setPreferencesRoute,
} from './api-route-definitions.js';
import { throwInvalidInput } from './request-validation.js';

/** The request's caller: the key's user; a closed connection cancels what it started. */
function callerOf(context: Context) {
  return plainCaller(context.get('user').id, context.req.raw.signal);
}

/**
 * REST under /api/v1 (after bearer auth): thin adapters over the same core the MCP tools use.
 * Routes are declared in api-route-definitions.ts; bodies, queries and paths arrive validated.
 */
export function createApiRoutes(core: Core): OpenAPIHono {
  const api = new OpenAPIHono({ defaultHook: throwInvalidInput });

  api.openapi(listModelsRoute, async (context) => {
    const { kind } = context.req.valid('query');
    return context.json({ models: await core.listModels(kind) }, 200);
  });

  api.openapi(getPreferencesRoute, async (context) =>
    context.json(await core.getPreferences(callerOf(context)), 200),
  );

  api.openapi(setPreferencesRoute, async (context) => {
    const changes = context.req.valid('json');
    return context.json(await core.setPreferences(callerOf(context), changes), 200);
  });

  api.openapi(getBrandKitRoute, async (context) =>
    context.json(await core.getBrandKit(callerOf(context)), 200),
  );

  api.openapi(setBrandKitRoute, async (context) => {
    const kit = context.req.valid('json');
    return context.json(await core.setBrandKit(callerOf(context), kit), 200);
  });

  api.openapi(readCreditsRoute, async (context) =>
    context.json(await core.readCredits(callerOf(context), { historyLimit: 50 }), 200),
  );

  api.openapi(listAssetsRoute, async (context) => {
    const query = context.req.valid('query');
    return context.json(await core.listAssets(callerOf(context), query), 200);
  });

  api.openapi(estimateRoute, async (context) => {
    const request = context.req.valid('json');
    return context.json(await core.estimateCost(callerOf(context), parseEstimateRequest(request)), 200);
  });

  api.openapi(readJobRoute, async (context) =>
    context.json(await core.readJob(callerOf(context), context.req.valid('param').id), 200),
  );

  api.openapi(cancelJobRoute, async (context) =>
    context.json(await core.cancelJob(callerOf(context), context.req.valid('param').id), 200),
  );

  return api;
}
