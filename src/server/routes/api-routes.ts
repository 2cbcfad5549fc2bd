import { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../../app/services.js';
import { viewAsset } from '../../assets/asset-view.js';
import { decodeAssetCursor, listAssets } from '../../db/repositories/assets.js';
import { getModelPreferences, setModelPreferences } from '../../db/repositories/model-preferences.js';
import { AppError } from '../../errors/app-error.js';
import { invalidInput } from '../../errors/zod-issues.js';
import { listCatalogue } from '../../providers/catalogue.js';
import { checkPreference } from '../../tools/model-preferences-tools.js';

const preferencesBody = z
  .object({
    chatModel: z.string().min(1).max(100).nullable().optional(),
    imageModel: z.string().min(1).max(100).nullable().optional(),
    videoModel: z.string().min(1).max(100).nullable().optional(),
  })
  .strict();

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

/** REST under /api/v1 (after bearer auth): the same services the MCP tools use. */
export function createApiRoutes(services: Services): Hono {
  const api = new Hono();

  api.get('/models', (context) => {
    const kind = context.req.query('kind');
    if (kind !== undefined && !['chat', 'image', 'video'].includes(kind)) {
      throw new AppError('INVALID_INPUT', 'kind: must be chat, image or video');
    }
    return context.json({
      models: listCatalogue(services.config, kind as 'chat' | 'image' | 'video' | undefined),
    });
  });

  api.get('/me/model-preferences', async (context) =>
    context.json(await getModelPreferences(services.db, context.get('user').id)),
  );

  api.put('/me/model-preferences', async (context) => {
    const parsed = preferencesBody.safeParse(await jsonBody(context.req.raw));
    if (!parsed.success) throw invalidInput(parsed.error, 'body');
    checkPreference(services.config, 'chatModel', 'chat', parsed.data.chatModel);
    checkPreference(services.config, 'imageModel', 'image', parsed.data.imageModel);
    checkPreference(services.config, 'videoModel', 'video', parsed.data.videoModel);
    return context.json(await setModelPreferences(services.db, context.get('user').id, parsed.data));
  });

  api.get('/me/credits', async (context) => {
    const userId = context.get('user').id;
    const [balance, history] = await Promise.all([
      services.ledger.balance(userId),
      services.ledger.history(userId, { limit: 50 }),
    ]);
    return context.json({
      ...balance,
      history: history.map((entry) => ({
        id: entry.id,
        at: new Date(entry.created_at).toISOString(),
        kind: entry.kind,
        amount: entry.amount,
        balanceAfter: entry.balance_after,
        reason: entry.reason,
      })),
    });
  });

  api.get('/me/assets', async (context) => {
    const parsed = assetsQuery.safeParse(context.req.query());
    if (!parsed.success) throw invalidInput(parsed.error, 'query');
    const cursor = parsed.data.cursor === undefined ? undefined : decodeAssetCursor(parsed.data.cursor);
    if (parsed.data.cursor !== undefined && cursor === undefined)
      throw new AppError('INVALID_INPUT', 'cursor: not one this server gave');
    const page = await listAssets(services.db, {
      userId: context.get('user').id,
      limit: parsed.data.limit,
      ...(parsed.data.kind === undefined ? {} : { kind: parsed.data.kind }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    const storage = await services.storage();
    return context.json({
      assets: await Promise.all(page.assets.map((asset) => viewAsset(storage, asset))),
      nextCursor: page.nextCursor ?? null,
    });
  });

  api.get('/jobs/:id', async (context) => {
    const { readJob } = await import('../../jobs/video-jobs.js');
    return context.json(await readJob(services, context.get('user').id, context.req.param('id')));
  });

  return api;
}
