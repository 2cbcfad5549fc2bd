import { videoCost } from '../credits/prices.js';
import { insertVideoJob } from '../db/repositories/jobs.js';
import { AppError } from '../errors/app-error.js';
import type { AspectRatio } from '../providers/image-model.js';
import { findAsset, readStoredBytes } from './assets.js';
import { assertWithinBudget, type Quote } from './budget.js';
import type { Caller } from './caller.js';
import { chargedCall } from './charged-call.js';
import type { CoreDeps } from './core-deps.js';
import { selectModel } from './select-model.js';
import { jobPolicy, later } from './video-jobs.js';

/** A video hold must outlive the provider's work (the job captures or releases it). */
const videoHoldSeconds = 3 * 60 * 60;

export interface StartVideoInput {
  prompt: string;
  durationSeconds: number;
  aspectRatio: AspectRatio;
  /** An image asset of the caller's to start from. */
  imageAssetId?: string | undefined;
  model?: string | undefined;
  idempotencyKey?: string | undefined;
  /** Never charged more: refused with BUDGET_EXCEEDED before any provider call when the video costs more. */
  maxCredits?: number | undefined;
}

async function firstFrame(deps: CoreDeps, caller: Caller, assetId: string | undefined) {
  if (assetId === undefined) return undefined;
  const asset = await findAsset(deps, caller, assetId).catch(() => undefined);
  if (asset === undefined || asset.kind !== 'image') {
    throw new AppError('NOT_FOUND', `imageAssetId: no image asset ${assetId} of yours`);
  }
  const bytes = await readStoredBytes(await deps.storage(), asset.storage_key, caller.signal);
  return { bytes, mimeType: asset.mime_type };
}

async function plan(deps: CoreDeps, caller: Caller, input: StartVideoInput) {
  // The chosen model can make this duration, ratio and first frame, or the call is refused here.
  const entry = await selectModel(deps, caller, 'video', input.model, {
    durationSeconds: input.durationSeconds,
    aspectRatio: input.aspectRatio,
    imageInput: input.imageAssetId !== undefined,
  });
  if (entry.price.unit !== 'video-second')
    throw new AppError('INTERNAL', `${entry.id} has no per-second price`);
  const price = entry.price;
  const cost = videoCost(price, input.durationSeconds);
  assertWithinBudget(cost, input.maxCredits);
  return { entry, cost };
}

/** What `generate_video` would hold and cost (its price for the duration asked), running nothing. */
export async function quoteVideo(deps: CoreDeps, caller: Caller, input: StartVideoInput): Promise<Quote> {
  const { entry, cost } = await plan(deps, caller, input);
  return { credits: { min: cost, max: cost }, hold: cost, model: { provider: entry.provider, id: entry.id } };
}

/** Starts a video at the provider and holds its price; the job captures on success, releases on failure. */
export async function startVideoJob(
  deps: CoreDeps,
  caller: Caller,
  input: StartVideoInput,
): Promise<{ jobId: string; status: 'running' }> {
  const { entry, cost } = await plan(deps, caller, input);
  const image = await firstFrame(deps, caller, input.imageAssetId);
  return chargedCall(deps, caller, {
    operation: 'generate_video',
    input: { ...input },
    idempotencyKey: input.idempotencyKey,
    hold: cost,
    holdTtlSeconds: videoHoldSeconds,
    provider: entry.provider,
    run: async ({ reservationId, signal }) => {
      const model = await (await deps.models()).video(entry.id);
      const operation = await model.start({
        prompt: input.prompt,
        durationSeconds: input.durationSeconds,
        aspectRatio: input.aspectRatio,
        signal,
        ...(image === undefined ? {} : { image }),
      });
      const now = deps.clock.now();
      const job = await insertVideoJob(
        deps.db,
        {
          id: deps.clock.newId(),
          userId: caller.userId,
          provider: entry.provider,
          modelId: entry.id,
          input: {
            prompt: input.prompt,
            durationSeconds: input.durationSeconds,
            aspectRatio: input.aspectRatio,
          },
          operation,
          reservationId,
          nextPollAt: later(now, jobPolicy.firstPollSeconds),
        },
        now,
      );
      return { cost: 0, settleLater: true, answer: () => ({ jobId: job.id, status: 'running' as const }) };
    },
  });
}
