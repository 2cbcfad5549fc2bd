import { z } from 'zod';
import { type AssetView, assetLink, assetViewSchema, viewAsset } from '../assets/asset-view.js';
import { storeAsset } from '../assets/store-asset.js';
import { imageCost } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import { readImageInfo } from '../providers/image-dimensions.js';
import { aspectRatios } from '../providers/image-model.js';
import { chargedCall } from './charged-call.js';
import { selectModel } from './select-model.js';
import { catalogueIdSchema, idempotencyKeySchema, modelRefSchema } from './shared-schemas.js';
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
  }),
  output: z.object({
    assets: z.array(assetViewSchema),
    creditsCharged: z.number().int(),
    model: modelRefSchema,
  }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, context) {
    const entry = await selectModel(context, 'image', input.model);
    if (entry.price.unit !== 'image') throw new AppError('INTERNAL', `${entry.id} has no per-image price`);
    const price = entry.price;
    if (
      entry.capabilities.aspectRatios.length > 0 &&
      !entry.capabilities.aspectRatios.includes(input.aspectRatio)
    ) {
      throw new AppError(
        'INVALID_INPUT',
        `aspectRatio: ${entry.id} supports ${entry.capabilities.aspectRatios.join(', ')}`,
      );
    }
    return chargedCall(context, {
      tool: 'generate_image',
      input,
      idempotencyKey: input.idempotencyKey,
      hold: imageCost(price, input.count),
      provider: entry.provider,
      run: async () => {
        const { services, user, signal } = context;
        const model = await (await services.registry()).image(entry.id);
        await context.progress(0, input.count, `generating with ${entry.id}`);
        const images = await model.generate({
          prompt: input.prompt,
          aspectRatio: input.aspectRatio,
          count: input.count,
          signal,
          ...(input.negativePrompt === undefined ? {} : { negativePrompt: input.negativePrompt }),
          ...(input.seed === undefined ? {} : { seed: input.seed }),
        });
        const valid = images.map((image) => ({ image, info: readImageInfo(image.bytes) }));
        if (valid.length === 0 || valid.some(({ info }) => info === undefined)) {
          throw new AppError('PROVIDER_ERROR', `${entry.id} returned no decodable image`);
        }
        const storage = await services.storage();
        const views: AssetView[] = [];
        for (const [index, { image, info }] of valid.slice(0, input.count).entries()) {
          const asset = await storeAsset(services.db, storage, {
            userId: user.id,
            kind: 'image',
            bytes: image.bytes,
            mimeType: info?.mimeType ?? image.mimeType,
            width: info?.width ?? image.width,
            height: info?.height ?? image.height,
            provider: entry.provider,
            modelId: entry.id,
            prompt: input.prompt,
            metadata: {
              aspectRatio: input.aspectRatio,
              ...(input.seed === undefined ? {} : { seed: input.seed }),
            },
            signal,
          });
          views.push(await viewAsset(storage, asset));
          await context.progress(index + 1, input.count);
        }
        return {
          cost: imageCost(price, views.length),
          answer: (creditsCharged) => ({
            structured: { assets: views, creditsCharged, model: { provider: entry.provider, id: entry.id } },
            links: views.map((view) => assetLink(view, input.prompt.slice(0, 200))),
          }),
        };
      },
    });
  },
});
