import { z } from 'zod';
import { assetLink, assetViewSchema } from '../core/asset-view.js';
import type { JobView } from '../core/video-jobs.js';
import { aspectRatios } from '../providers/image-model.js';
import {
  catalogueIdSchema,
  idempotencyKeySchema,
  maxCreditsSchema,
  replayedSchema,
} from './shared-schemas.js';
import { defineTool, type ToolAnswer } from './tool-definition.js';

const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

const jobViewSchema = z.object({
  jobId: z.string(),
  status: jobStatus,
  progress: z.number().min(0).max(1),
  assets: z.array(assetViewSchema),
  error: z.string().nullable(),
  creditsCharged: z.number().int(),
  note: z
    .string()
    .nullable()
    .describe('how the job ended, when there is more to say (e.g. delivered uncharged)'),
});

const jobIdInput = z.object({ jobId: z.string().min(1).max(100) });

function jobAnswer(view: JobView): ToolAnswer<JobView> {
  return { structured: view, links: view.assets.map((asset) => assetLink(asset)) };
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
    maxCredits: maxCreditsSchema,
  }),
  output: z.object({ jobId: z.string(), status: jobStatus, replayed: replayedSchema }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler(input, { core, caller }) {
    return { structured: await core.startVideoJob(caller, input) };
  },
});

export const getJobTool = defineTool({
  name: 'get_job',
  title: 'Get a job',
  description:
    'The state of a video job started by generate_video: status, progress (0–1), the video asset when done, the error if it failed, and the credits charged. Free; poll every few seconds.',
  input: jobIdInput,
  output: jobViewSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  async handler(input, { core, caller }) {
    return jobAnswer(await core.readJob(caller, input.jobId));
  },
});

export const cancelJobTool = defineTool({
  name: 'cancel_job',
  title: 'Cancel a job',
  description:
    'Stop a running video job started by generate_video: its held credits are returned and nothing is charged. A finished job is left as it is. Free.',
  input: jobIdInput,
  output: jobViewSchema,
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false, destructiveHint: true },
  async handler(input, { core, caller }) {
    return jobAnswer(await core.cancelJob(caller, input.jobId));
  },
});
