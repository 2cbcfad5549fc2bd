import { z } from 'zod';
import { assetLink, assetViewSchema } from '../core/asset-view.js';
import { aspectRatios } from '../providers/image-model.js';
import {
  catalogueIdSchema,
  idempotencyKeySchema,
  maxCreditsSchema,
  paidAnswerFields,
} from './shared-schemas.js';
import { defineTool } from './tool-definition.js';

export const generateImageTool = defineTool({
  name: 'generate_image',
  title: 'Generate images',
  description:
    'Generate 1–4 images from a text prompt with your image model (or `model`), stored as assets and returned as asset:// links with download URLs. Costs the model’s price per image (see list_models); nothing is charged if it fails.',
  input: z.object({
    prompt: z.string().trim().min(1).max(4000).describe('what the image shows, its style and mood'),
    negativePrompt: z.string().max(2000).optional().describe('what to avoid'),
    aspectRatio: z.enum(aspectRatios).default('1:1'),
    count: z.number().int().min(1).max(4).default(1),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    model: catalogueIdSchema
      .optional()
      .describe('an image model id from list_models; default: your preference'),
    idempotencyKey: idempotencyKeySchema,
    maxCredits: maxCreditsSchema,
  }),
  output: z.object({
    assets: z.array(assetViewSchema),
    ...paidAnswerFields,
  }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, { core, caller }) {
    const generated = await core.generateImages(caller, input);
    return {
      structured: generated,
      links: generated.assets.map((view) => assetLink(view, input.prompt.slice(0, 200))),
    };
  },
});
