import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { assetViewSchema } from '../assets/asset-view.js';
import { videoCost } from '../credits/prices.js';
import { findOwnedAsset } from '../db/repositories/assets.js';
import { insertVideoJob } from '../db/repositories/jobs.js';
import { AppError } from '../errors/app-error.js';
import { aspectRatios } from '../providers/image-model.js';
import { chargedCall } from './charged-call.js';
import { selectModel } from './select-model.js';
import { catalogueIdSchema, idempotencyKeySchema } from './shared-schemas.js';
import type { ToolContext } from './tool-context.js';
import { defineTool } from './tool-definition.js';

const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
/** A video hold must outlive the provider's work (the job captures or releases it). */
const videoHoldSeconds = 3 * 60 * 60;

async function firstFrame(context: ToolContext, assetId: string | undefined) {
  if (assetId === undefined) return undefined;
  const asset = await findOwnedAsset(context.services.db, context.user.id, assetId);
  if (asset === undefined || asset.kind !== 'image') {
    throw new AppError('NOT_FOUND', `imageAssetId: no image asset ${assetId} of yours`);
  }
  const { body } = await (await context.services.storage()).get(asset.storage_key, context.signal);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return { bytes: new Uint8Array(Buffer.concat(chunks)), mimeType: asset.mime_type };
}

export const generateVideoTool = defineTool({
  name: 'generate_video',
  title: 'Generate a video',
  description:
    'Start generating a short video from a prompt (and optionally a first-frame image asset). Returns a jobId at once; poll get_job until it succeeds. Costs the model’s price per second of video (see list_models): held now, charged when the video is ready, returned if it fails.',
  input: z.object({
    prompt: z.string().trim().min(1).max(4000),
    durationSeconds: z.number().int().min(1).max(120).default(6),
    aspectRatio: z.enum(aspectRatios).default('16:9'),
    imageAssetId: z.uuid().optional().describe('an image asset of yours to start from'),
    model: catalogueIdSchema
      .optional()
      .describe('a video model id from list_models; default: your preference'),
    idempotencyKey: idempotencyKeySchema,
  }),
  output: z.object({ jobId: z.string(), status: jobStatus }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, context) {
    const entry = await selectModel(context, 'video', input.model);
    if (entry.price.unit !== 'video-second')
      throw new AppError('INTERNAL', `${entry.id} has no per-second price`);
    const price = entry.price;
    const { maxVideoSeconds, aspectRatios: supported } = entry.capabilities;
    if (maxVideoSeconds !== undefined && input.durationSeconds > maxVideoSeconds) {
      throw new AppError('INVALID_INPUT', `durationSeconds: ${entry.id} makes at most ${maxVideoSeconds} s`);
    }
    if (supported.length > 0 && !supported.includes(input.aspectRatio)) {
      throw new AppError('INVALID_INPUT', `aspectRatio: ${entry.id} supports ${supported.join(', ')}`);
    }
    const image = await firstFrame(context, input.imageAssetId);
    return chargedCall(context, {
      tool: 'generate_video',
      input,
      idempotencyKey: input.idempotencyKey,
      hold: videoCost(price, input.durationSeconds),
      holdTtlSeconds: videoHoldSeconds,
      provider: entry.provider,
      run: async (reservationId) => {
        const model = await (await context.services.registry()).video(entry.id);
        const operation = await model.start({
          prompt: input.prompt,
          durationSeconds: input.durationSeconds,
          aspectRatio: input.aspectRatio,
          signal: context.signal,
          ...(image === undefined ? {} : { image }),
        });
        const job = await insertVideoJob(context.services.db, {
          id: randomUUID(),
          userId: context.user.id,
          provider: entry.provider,
          modelId: entry.id,
          input: {
            prompt: input.prompt,
            durationSeconds: input.durationSeconds,
            aspectRatio: input.aspectRatio,
          },
          operation,
          reservationId,
          nextPollAt: new Date(Date.now() + 2000),
        });
        return {
          cost: 0,
          settleLater: true,
          answer: () => ({ structured: { jobId: job.id, status: 'running' as const } }),
        };
      },
    });
  },
});

export const getJobTool = defineTool({
  name: 'get_job',
  title: 'Get a job',
  description:
    'The state of a video job started by generate_video: status, progress (0–1), the video asset when done, the error if it failed, and the credits charged. Free; poll every few seconds.',
  input: z.object({ jobId: z.string().min(1).max(100) }),
  output: z.object({
    jobId: z.string(),
    status: jobStatus,
    progress: z.number().min(0).max(1),
    assets: z.array(assetViewSchema),
    error: z.string().nullable(),
    creditsCharged: z.number().int(),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(input, { user, services }) {
    const { readJob } = await import('../jobs/video-jobs.js');
    const view = await readJob(services, user.id, input.jobId);
    return {
      structured: view,
      links: view.assets.map((asset) => ({
        uri: asset.uri,
        name: `video-${asset.assetId}`,
        mimeType: asset.mimeType,
      })),
    };
  },
});
