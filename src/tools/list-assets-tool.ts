import { z } from 'zod';
import { assetLink, assetViewSchema } from '../core/asset-view.js';
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
  async handler(input, { core, caller }) {
    const page = await core.listAssets(caller, input);
    return { structured: page, links: page.assets.map((asset) => assetLink(asset)) };
  },
});
