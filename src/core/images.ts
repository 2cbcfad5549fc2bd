import { imageCost } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import type { AspectRatio } from '../providers/image-model.js';
import type { AssetView } from './asset-view.js';
import { brandKitOf } from './brand-kit.js';
import { brandStyle } from './brand-style.js';
import { assertWithinBudget, type Quote } from './budget.js';
import type { Caller } from './caller.js';
import { chargedCall } from './charged-call.js';
import type { CoreDeps } from './core-deps.js';
import { drawImages } from './draw-images.js';
import type { ModelRef } from './model-ref.js';
import { selectModel } from './select-model.js';

export interface GenerateImagesInput {
  prompt: string;
  negativePrompt?: string | undefined;
  aspectRatio: AspectRatio;
  count: number;
  seed?: number | undefined;
  /** A catalogue id; default: the caller's preference, else the server's. */
  model?: string | undefined;
  idempotencyKey?: string | undefined;
  /** Never charged more: refused with BUDGET_EXCEEDED before any provider call when the images cost more. */
  maxCredits?: number | undefined;
}

export interface GeneratedImages {
  assets: AssetView[];
  creditsCharged: number;
  model: ModelRef;
}

async function plan(deps: CoreDeps, caller: Caller, input: GenerateImagesInput) {
  const entry = await selectModel(deps, caller, 'image', input.model, {
    aspectRatio: input.aspectRatio,
    count: input.count,
  });
  if (entry.price.unit !== 'image') throw new AppError('INTERNAL', `${entry.id} has no per-image price`);
  const price = entry.price;
  const cost = imageCost(price, input.count);
  assertWithinBudget(cost, input.maxCredits);
  return { entry, price, cost };
}

/** What `generate_image` would hold and cost (its exact price), running nothing. */
export async function quoteImages(
  deps: CoreDeps,
  caller: Caller,
  input: GenerateImagesInput,
): Promise<Quote> {
  const { entry, cost } = await plan(deps, caller, input);
  return { credits: { min: cost, max: cost }, hold: cost, model: { provider: entry.provider, id: entry.id } };
}

/** 1–4 images from a prompt, stored as the caller's assets; charged per image, all or nothing. */
export async function generateImages(
  deps: CoreDeps,
  caller: Caller,
  input: GenerateImagesInput,
): Promise<GeneratedImages> {
  const { entry, price, cost } = await plan(deps, caller, input);
  return chargedCall(deps, caller, {
    operation: 'generate_image',
    input: { ...input },
    idempotencyKey: input.idempotencyKey,
    hold: cost,
    provider: entry.provider,
    run: async ({ signal, callId }) => {
      await caller.progress(0, input.count, `generating with ${entry.id}`);
      const prompt = `${input.prompt}${brandStyle(await brandKitOf(deps, caller))}`;
      const assets = await drawImages(
        deps,
        caller,
        entry,
        {
          prompt,
          negativePrompt: input.negativePrompt,
          aspectRatio: input.aspectRatio,
          count: input.count,
          seed: input.seed,
          metadata: {
            aspectRatio: input.aspectRatio,
            ...(input.seed === undefined ? {} : { seed: input.seed }),
          },
          pendingCall: callId,
        },
        signal,
      );
      return {
        cost: imageCost(price, assets.length),
        answer: (creditsCharged) => ({
          assets,
          creditsCharged,
          model: { provider: entry.provider, id: entry.id },
        }),
      };
    },
  });
}
