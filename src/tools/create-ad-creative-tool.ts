import { z } from 'zod';
import { adPlatforms } from '../agents/ad-platforms.js';
import { assetLink, assetViewSchema } from '../core/asset-view.js';
import { policyFlagSchema } from './check-ad-copy-tool.js';
import { idempotencyKeySchema, maxCreditsSchema, paidAnswerFields } from './shared-schemas.js';
import { defineTool } from './tool-definition.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const createAdCreativeTool = defineTool({
  name: 'create_ad_creative',
  title: 'Create ad creatives',
  description:
    'Write platform-ready ad copy variants (headline, primary text, description, call to action) for Meta, TikTok, Google, LinkedIn and X, each within that platform’s length limits, and optionally one image. Costs credits by tokens used, plus the image price when includeImage is true (see list_models).',
  input: z.object({
    product: text(2000).describe('what is advertised, with its key benefit'),
    audience: text(1000).optional(),
    platforms: z.array(z.enum(adPlatforms)).min(1).max(5).default(['meta']),
    tone: text(200).optional().describe('e.g. playful, premium, urgent'),
    variants: z.number().int().min(1).max(10).default(3).describe('variants per platform'),
    includeImage: z.boolean().default(false),
    idempotencyKey: idempotencyKeySchema,
    maxCredits: maxCreditsSchema,
  }),
  output: z.object({
    creativeId: z.string().describe('the id of the text asset keeping this creative'),
    variants: z.array(
      z.object({
        platform: z.enum(adPlatforms),
        headline: z.string(),
        primaryText: z.string(),
        description: z.string(),
        callToAction: z.string(),
        repairs: z.array(z.string()).describe('what was re-asked, trimmed, removed or added'),
        policyFlags: z
          .array(policyFlagSchema)
          .describe('policy rules the copy may break (see check_ad_copy)'),
      }),
    ),
    assets: z.array(assetViewSchema),
    ...paidAnswerFields,
  }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, { core, caller }) {
    const creative = await core.writeAdCopy(caller, input);
    return {
      structured: creative,
      links: creative.assets.map((view) => assetLink(view, 'campaign visual')),
    };
  },
});
