import type { AdVariant } from '../agents/ad-copy-schema.js';
import type { AgentUsage } from '../agents/agent-usage.js';
import type { AdPlatform } from '../agents/platform-limits.js';
import { imageCost } from '../credits/prices.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import type { AssetView } from './asset-view.js';
import type { Caller } from './caller.js';
import { chargedCall } from './charged-call.js';
import { type ChatSession, openChat, tokenPrice } from './chat-session.js';
import type { CoreDeps } from './core-deps.js';
import { drawImages } from './draw-images.js';
import type { ModelRef } from './model-ref.js';
import { selectModel } from './select-model.js';

export interface WriteAdCopyInput {
  product: string;
  audience?: string | undefined;
  platforms: AdPlatform[];
  tone?: string | undefined;
  variants: number;
  includeImage: boolean;
  idempotencyKey?: string | undefined;
}

export interface AdCopy {
  creativeId: string;
  variants: AdVariant[];
  assets: AssetView[];
  creditsCharged: number;
  model: ModelRef;
}

/** One visual for the campaign: the image agent writes the prompt, the image model draws it. */
async function makeVisual(
  deps: CoreDeps,
  caller: Caller,
  chat: ChatSession,
  image: CatalogueEntry,
  brief: string,
  call: { signal: AbortSignal; callId: string },
): Promise<{ view: AssetView; usage: AgentUsage }> {
  const { signal } = call;
  const { writeImagePrompt } = await import('../agents/image-prompt-agent.js');
  const written = await writeImagePrompt({
    model: chat.model,
    brief,
    aspectRatio: '1:1',
    imageModelId: image.id,
    signal,
  });
  const [view] = await drawImages(
    deps,
    caller,
    image,
    {
      prompt: written.prompt,
      negativePrompt: written.negativePrompt,
      aspectRatio: '1:1',
      count: 1,
      pendingCall: call.callId,
    },
    signal,
  );
  return { view: view as AssetView, usage: written.usage };
}

/**
 * Platform-ready ad copy variants, each within its platform's limits (re-asked, then trimmed),
 * and optionally one visual; charged by tokens used plus the image.
 */
export async function writeAdCopy(deps: CoreDeps, caller: Caller, input: WriteAdCopyInput): Promise<AdCopy> {
  const chat = await selectModel(deps, caller, 'chat', undefined);
  const image = input.includeImage ? await selectModel(deps, caller, 'image', undefined) : undefined;
  const price = tokenPrice(chat);
  const imagePrice = image?.price.unit === 'image' ? image.price : undefined;
  const platforms = [...new Set(input.platforms)];
  // A repair may ask the model twice, and a visual needs a prompt-writing turn.
  const chatHold = price.reserve * (input.includeImage ? 3 : 2);
  return chargedCall(deps, caller, {
    operation: 'create_ad_creative',
    input: { ...input },
    idempotencyKey: input.idempotencyKey,
    hold: chatHold + (imagePrice === undefined ? 0 : imageCost(imagePrice, 1)),
    provider: chat.provider,
    run: async ({ signal, callId }) => {
      const session = await openChat(deps, caller, chat, signal);
      const { createAdCreative } = await import('../agents/ad-creative-agent.js');
      const copy = await createAdCreative({
        model: session.model,
        input: {
          product: input.product,
          platforms,
          variants: input.variants,
          audience: input.audience,
          tone: input.tone,
        },
        signal,
        onWarning: (message) => void caller.log('warning', message),
      });
      let usage = copy.usage;
      const assets: AssetView[] = [];
      if (image !== undefined && imagePrice !== undefined) {
        const brief = `${input.product}${input.audience ? ` for ${input.audience}` : ''}. Headline: ${copy.variants[0]?.headline ?? ''}`;
        const visual = await makeVisual(deps, caller, session, image, brief, { signal, callId });
        assets.push(visual.view);
        usage = {
          inputTokens: usage.inputTokens + visual.usage.inputTokens,
          outputTokens: usage.outputTokens + visual.usage.outputTokens,
        };
      }
      const cost =
        session.cost(usage) + (imagePrice === undefined ? 0 : imageCost(imagePrice, assets.length));
      return {
        cost,
        answer: (creditsCharged) => ({
          creativeId: deps.clock.newId(),
          variants: copy.variants,
          assets,
          creditsCharged,
          model: { provider: session.served().provider, id: session.served().id },
        }),
      };
    },
  });
}
