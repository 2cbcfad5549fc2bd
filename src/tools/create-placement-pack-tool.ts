import { z } from 'zod';
import { placementIds } from '../agents/placements.js';
import { assetLink, assetViewSchema } from '../core/asset-view.js';
import { policyFlagSchema } from './check-ad-copy-tool.js';
import { idempotencyKeySchema, maxCreditsSchema, paidAnswerFields } from './shared-schemas.js';
import { defineTool } from './tool-definition.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const createPlacementPackTool = defineTool({
  name: 'create_placement_pack',
  title: 'Create a placement pack',
  description: `Everything a set of ad placements needs, in one call: copy within each platform's limits, one image per placement at its exact pixel size (brand colours and logo applied where the placement allows), and a zip bundle with every file and a manifest. Placements: ${placementIds.join(', ')}. Costs credits: the copy by tokens used plus one image per placement (see estimate_cost).`,
  input: z.object({
    product: text(2000).describe('what is advertised, with its key benefit'),
    placements: z.array(z.enum(placementIds)).min(1).max(placementIds.length),
    audience: text(1000).optional(),
    tone: text(200).optional(),
    idempotencyKey: idempotencyKeySchema,
    maxCredits: maxCreditsSchema,
  }),
  output: z.object({
    packId: z.string(),
    items: z.array(
      z.object({
        placement: z.enum(placementIds),
        aspectRatio: z.string(),
        width: z.number().int(),
        height: z.number().int(),
        copy: z.record(z.string(), z.string()),
        policyFlags: z.array(policyFlagSchema),
        assets: z.array(assetViewSchema),
      }),
    ),
    bundle: assetViewSchema.describe('a zip with every image and manifest.json'),
    ...paidAnswerFields,
  }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, { core, caller }) {
    const pack = await core.createPlacementPack(caller, input);
    return {
      structured: pack,
      links: [
        ...pack.items.flatMap((item) => item.assets.map((view) => assetLink(view, item.placement))),
        assetLink(pack.bundle, 'placement pack bundle (zip)'),
      ],
    };
  },
});
