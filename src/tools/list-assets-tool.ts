import { z } from 'zod';
import { assetLink, assetViewSchema, viewAsset } from '../assets/asset-view.js';
import { decodeAssetCursor, listAssets } from '../db/repositories/assets.js';
import { AppError } from '../errors/app-error.js';
import { defineTool } from './tool-definition.js';

export const listAssetsTool = defineTool({
  name: 'list_assets',
  title: 'List assets',
  description:
    'Your generated images, videos and texts, newest first, with asset:// URIs (readable with resources/read) and time-limited download URLs. Paged: pass nextCursor back as cursor. Free.',
  input: z.object({
    kind: z.enum(['image', 'video', 'text']).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().max(500).optional(),
  }),
  output: z.object({ assets: z.array(assetViewSchema), nextCursor: z.string().nullable() }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input, { user, services }) {
    const cursor = input.cursor === undefined ? undefined : decodeAssetCursor(input.cursor);
    if (input.cursor !== undefined && cursor === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        'cursor: not a cursor this server gave; pass nextCursor from a previous answer',
      );
    }
    const page = await listAssets(services.db, {
      userId: user.id,
      limit: input.limit,
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    const storage = await services.storage();
    const assets = await Promise.all(page.assets.map((asset) => viewAsset(storage, asset)));
    return {
      structured: { assets, nextCursor: page.nextCursor ?? null },
      links: assets.map((asset) => assetLink(asset)),
    };
  },
});
