import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type AssetView, assetLink, assetViewSchema, viewAsset } from '../assets/asset-view.js';
import { storeAsset } from '../assets/store-asset.js';
import { imageCost } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import { readImageInfo } from '../providers/image-dimensions.js';
import { chargedCall } from './charged-call.js';
import { type ChatSession, costOf, openChat, tokenPrice } from './chat-call.js';
import { selectModel } from './select-model.js';
import { idempotencyKeySchema, modelRefSchema } from './shared-schemas.js';
import type { ToolContext } from './tool-context.js';
import { defineTool } from './tool-definition.js';

const platforms = ['meta', 'tiktok', 'google', 'linkedin', 'x'] as const;
const text = (max: number) => z.string().trim().min(1).max(max);

/** One visual for the campaign: the image agent writes the prompt, the image model draws it. */
async function makeVisual(context: ToolContext, chat: ChatSession, image: CatalogueEntry, brief: string) {
  const { services, user, signal } = context;
  const registry = await services.registry();
  const { writeImagePrompt } = await import('../agents/image-prompt-agent.js');
  const written = await writeImagePrompt({
    model: chat.model,
    brief,
    aspectRatio: '1:1',
    imageModelId: image.id,
    signal,
  });
  const [generated] = await (await registry.image(image.id)).generate({
    prompt: written.prompt,
    aspectRatio: '1:1',
    count: 1,
    signal,
    ...(written.negativePrompt === undefined ? {} : { negativePrompt: written.negativePrompt }),
  });
  const info = generated === undefined ? undefined : readImageInfo(generated.bytes);
  if (generated === undefined || info === undefined)
    throw new AppError('PROVIDER_ERROR', `${image.id} returned no decodable image`);
  const storage = await services.storage();
  const asset = await storeAsset(services.db, storage, {
    userId: user.id,
    kind: 'image',
    bytes: generated.bytes,
    mimeType: info.mimeType,
    width: info.width,
    height: info.height,
    provider: image.provider,
    modelId: image.id,
    prompt: written.prompt,
    signal,
  });
  return { view: await viewAsset(storage, asset), usage: written.usage };
}

export const createAdCreativeTool = defineTool({
  name: 'create_ad_creative',
  title: 'Create ad creatives',
  description:
    'Write platform-ready ad copy variants (headline, primary text, description, call to action) for Meta, TikTok, Google, LinkedIn and X, each within that platform’s length limits, and optionally one image. Costs credits by tokens used, plus the image price when includeImage is true (see list_models).',
  input: z.object({
    product: text(2000).describe('what is advertised, with its key benefit'),
    audience: text(1000).optional(),
    platforms: z.array(z.enum(platforms)).min(1).max(5).default(['meta']),
    tone: text(200).optional().describe('e.g. playful, premium, urgent'),
    variants: z.number().int().min(1).max(10).default(3).describe('variants per platform'),
    includeImage: z.boolean().default(false),
    idempotencyKey: idempotencyKeySchema,
  }),
  output: z.object({
    creativeId: z.string(),
    variants: z.array(
      z.object({
        platform: z.enum(platforms),
        headline: z.string(),
        primaryText: z.string(),
        description: z.string(),
        callToAction: z.string(),
      }),
    ),
    assets: z.array(assetViewSchema),
    creditsCharged: z.number().int(),
    model: modelRefSchema,
  }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, context) {
    const chat = await selectModel(context, 'chat', undefined);
    const image = input.includeImage ? await selectModel(context, 'image', undefined) : undefined;
    const price = tokenPrice(chat);
    const imagePrice = image?.price.unit === 'image' ? image.price : undefined;
    const platformsWanted = [...new Set(input.platforms)];
    // A repair may ask the model twice, and a visual needs a prompt-writing turn.
    const chatHold = price.reserve * (input.includeImage ? 3 : 2);
    return chargedCall(context, {
      tool: 'create_ad_creative',
      input,
      idempotencyKey: input.idempotencyKey,
      hold: chatHold + (imagePrice === undefined ? 0 : imageCost(imagePrice, 1)),
      provider: chat.provider,
      run: async () => {
        const session = await openChat(context, chat);
        const { createAdCreative } = await import('../agents/ad-creative-agent.js');
        const copy = await createAdCreative({
          model: session.model,
          input: {
            product: input.product,
            platforms: platformsWanted,
            variants: input.variants,
            ...(input.audience === undefined ? {} : { audience: input.audience }),
            ...(input.tone === undefined ? {} : { tone: input.tone }),
          },
          signal: context.signal,
          onWarning: (message) => void context.log('warning', message),
        });
        let chatUsage = copy.usage;
        const assets: AssetView[] = [];
        if (image !== undefined && imagePrice !== undefined) {
          const brief = `${input.product}${input.audience ? ` for ${input.audience}` : ''}. Headline: ${copy.variants[0]?.headline ?? ''}`;
          const visual = await makeVisual(context, session, image, brief);
          assets.push(visual.view);
          chatUsage = {
            inputTokens: chatUsage.inputTokens + visual.usage.inputTokens,
            outputTokens: chatUsage.outputTokens + visual.usage.outputTokens,
          };
        }
        const cost =
          costOf(session.served(), chatUsage) +
          (imagePrice === undefined ? 0 : imageCost(imagePrice, assets.length));
        return {
          cost,
          answer: (creditsCharged) => ({
            structured: {
              creativeId: randomUUID(),
              variants: copy.variants,
              assets,
              creditsCharged,
              model: { provider: session.served().provider, id: session.served().id },
            },
            links: assets.map((view) => assetLink(view, 'campaign visual')),
          }),
        };
      },
    });
  },
});
