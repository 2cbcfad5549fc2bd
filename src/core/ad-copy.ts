import { type PolicyFlag, policyFlags } from '../agents/ad-copy-policy.js';
import type { AdVariant } from '../agents/ad-copy-schema.js';
import type { AdPlatform } from '../agents/ad-platforms.js';
import type { AgentUsage } from '../agents/agent-usage.js';
import { imageCost } from '../credits/prices.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import type { AssetView } from './asset-view.js';
import type { BrandKit } from './brand-kit.js';
import { brandStyle } from './brand-style.js';
import { writeBrandedCopy } from './branded-copy.js';
import { chatHold, type Quote } from './budget.js';
import type { Caller } from './caller.js';
import { chargedCall } from './charged-call.js';
import type { ChatSession } from './chat-session.js';
import type { CoreDeps } from './core-deps.js';
import { drawImages } from './draw-images.js';
import type { ModelRef } from './model-ref.js';
import { selectModel } from './select-model.js';
import { storeAsset } from './store-asset.js';

export interface WriteAdCopyInput {
  product: string;
  audience?: string | undefined;
  platforms: AdPlatform[];
  tone?: string | undefined;
  variants: number;
  includeImage: boolean;
  idempotencyKey?: string | undefined;
  /** Never charged more; refused with BUDGET_EXCEEDED when not even a small call fits. */
  maxCredits?: number | undefined;
}

/** A variant as answered: what was repaired in it and which policy rules it may break. */
export type CheckedVariant = AdVariant & { repairs: string[]; policyFlags: PolicyFlag[] };

export interface AdCopy {
  /** The id of the `text` asset that keeps the creative. */
  creativeId: string;
  variants: CheckedVariant[];
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

function checkedVariants(variants: readonly AdVariant[], repairs: readonly string[][]): CheckedVariant[] {
  return variants.map((variant, index) => ({
    ...variant,
    repairs: repairs[index] ?? [],
    policyFlags: policyFlags(variant.platform, variant),
  }));
}

/** The creative as a `text` asset (JSON), hidden under the call until its capture commits. */
async function keepCreative(
  deps: CoreDeps,
  caller: Caller,
  params: {
    input: WriteAdCopyInput;
    variants: CheckedVariant[];
    brand: BrandKit | undefined;
    callId: string;
    signal: AbortSignal;
  },
) {
  const { idempotencyKey: _key, maxCredits: _max, ...brief } = params.input;
  const body = {
    brief,
    variants: params.variants,
    ...(params.brand?.disclaimer ? { disclaimer: params.brand.disclaimer } : {}),
  };
  return storeAsset(
    { db: deps.db, storage: await deps.storage(), clock: deps.clock },
    {
      userId: caller.userId,
      kind: 'text',
      bytes: new TextEncoder().encode(JSON.stringify(body, null, 2)),
      mimeType: 'application/json',
      prompt: params.input.product,
      metadata: { operation: 'create_ad_creative' },
      pendingCall: params.callId,
      signal: params.signal,
    },
  );
}

/** A structured answer, a re-ask for copy over its limits, and a prompt-writing turn for a visual. */
const turnsFor = (includeImage: boolean) => (includeImage ? 3 : 2);

async function plan(deps: CoreDeps, caller: Caller, input: WriteAdCopyInput, quote = false) {
  const chat = await selectModel(deps, caller, 'chat', undefined);
  const image = input.includeImage ? await selectModel(deps, caller, 'image', undefined) : undefined;
  const imagePrice = image?.price.unit === 'image' ? image.price : undefined;
  const imageCredits = imagePrice === undefined ? 0 : imageCost(imagePrice, 1);
  const { hold, limitedBy } = await chatHold(deps, caller, chat, {
    turns: turnsFor(input.includeImage),
    maxCredits: input.maxCredits,
    extra: imageCredits,
    quote,
  });
  return { chat, image, imagePrice, imageCredits, hold, limitedBy };
}

/** What `create_ad_creative` would hold and cost, running nothing. */
export type AdCopyQuoteInput = WriteAdCopyInput;

export async function quoteAdCopy(deps: CoreDeps, caller: Caller, input: AdCopyQuoteInput): Promise<Quote> {
  const { chat, imageCredits, hold } = await plan(deps, caller, input, true);
  const chatFree = hold === imageCredits;
  return {
    credits: { min: imageCredits + (chatFree ? 0 : 1), max: hold },
    hold,
    model: { provider: chat.provider, id: chat.id },
  };
}

/**
 * Platform-ready ad copy variants, each within its platform's limits (re-asked, then trimmed),
 * and optionally one visual; charged by tokens used plus the image, within the hold.
 */
export async function writeAdCopy(deps: CoreDeps, caller: Caller, input: WriteAdCopyInput): Promise<AdCopy> {
  const { chat, image, imagePrice, imageCredits, hold, limitedBy } = await plan(deps, caller, input);
  const platforms = [...new Set(input.platforms)];
  return chargedCall(deps, caller, {
    operation: 'create_ad_creative',
    input: { ...input },
    idempotencyKey: input.idempotencyKey,
    hold,
    provider: chat.provider,
    run: async ({ signal, callId }) => {
      const { brand, session, copy } = await writeBrandedCopy(deps, caller, chat, {
        signal,
        budget: { credits: hold - imageCredits, limitedBy },
        input: {
          product: input.product,
          platforms,
          variants: input.variants,
          audience: input.audience,
          tone: input.tone,
        },
      });
      const variants = checkedVariants(copy.variants, copy.repairs);
      const assets: AssetView[] = [];
      if (image !== undefined && imagePrice !== undefined) {
        const brief = `${input.product}${input.audience ? ` for ${input.audience}` : ''}. Headline: ${copy.variants[0]?.headline ?? ''}${brandStyle(brand)}`;
        const visual = await makeVisual(deps, caller, session, image, brief, { signal, callId });
        assets.push(visual.view);
      }
      const creative = await keepCreative(deps, caller, { input, variants, brand, callId, signal });
      const cost = session.spent() + (imagePrice === undefined ? 0 : imageCost(imagePrice, assets.length));
      return {
        cost,
        answer: (creditsCharged) => ({
          creativeId: creative.id,
          variants,
          assets,
          creditsCharged,
          model: { provider: session.served().provider, id: session.served().id },
        }),
      };
    },
  });
}
