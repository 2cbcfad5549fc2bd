import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { plainCaller } from '../../core/caller.js';
import type { Core } from '../../core/create-core.js';
import { AppError } from '../../errors/app-error.js';
import { invalidInput } from '../../errors/zod-issues.js';
import { brandKitInputSchema } from '../../tools/brand-kit-tools.js';
import { estimateRequestSchema, parseEstimateRequest } from '../../tools/estimate-cost-tool.js';
import { preferenceChangesSchema } from '../../tools/model-preferences-tools.js';

const modelsQuery = z.object({ kind: z.enum(['chat', 'image', 'video']).optional() });

const assetsQuery = z.object({
  kind: z.enum(['image', 'video', 'text', 'upload']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError('INVALID_INPUT', 'body: must be JSON');
  }
}

function parse<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error, where);
  return parsed.data;
}

/** The request's caller: the key's user; a closed connection cancels what it started. */
function callerOf(context: Context) {
  return plainCaller(context.get('user').id, context.req.raw.signal);
}

/** REST under /api/v1 (after bearer auth): thin adapters over the same core the MCP tools use. */
export function createApiRoutes(core: Core): Hono {
  const api = new Hono();

  api.get('/models', async (context) => {
    const { kind } = parse(modelsQuery, context.req.query(), 'query');
    return context.json({ models: await core.listModels(kind) });
  });

  api.get('/me/model-preferences', async (context) =>
    context.json(await core.getPreferences(callerOf(context))),
  );

  api.put('/me/model-preferences', async (context) => {
    const changes = parse(preferenceChangesSchema.strict(), await jsonBody(context.req.raw), 'body');
    return context.json(await core.setPreferences(callerOf(context), changes));
  });

  api.get('/me/brand-kit', async (context) => context.json(await core.getBrandKit(callerOf(context))));

  api.put('/me/brand-kit', async (context) => {
    const kit = parse(brandKitInputSchema.strict(), await jsonBody(context.req.raw), 'body');
    return context.json(await core.setBrandKit(callerOf(context), kit));
  });

  api.get('/me/credits', async (context) =>
    context.json(await core.readCredits(callerOf(context), { historyLimit: 50 })),
  );

  api.get('/me/assets', async (context) => {
    const query = parse(assetsQuery, context.req.query(), 'query');
    return context.json(await core.listAssets(callerOf(context), query));
  });

  api.post('/estimate', async (context) => {
    const request = parse(estimateRequestSchema.strict(), await jsonBody(context.req.raw), 'body');
    return context.json(await core.estimateCost(callerOf(context), parseEstimateRequest(request)));
  });

  api.get('/jobs/:id', async (context) =>
    context.json(await core.readJob(callerOf(context), context.req.param('id'))),
  );

  api.delete('/jobs/:id', async (context) =>
    context.json(await core.cancelJob(callerOf(context), context.req.param('id'))),
  );

  return api;
}
