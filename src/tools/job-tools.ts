import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { aspectRatios } from '../providers/image-model.js';
import { catalogueIdSchema, idempotencyKeySchema } from './shared-schemas.js';
import { defineTool } from './tool-definition.js';

const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const generateVideoTool = defineTool({
  name: 'generate_video',
  title: 'Generate a video',
  description:
    'Start generating a short video from a prompt (and optionally a first-frame image asset). Returns a jobId at once; poll get_job until it succeeds. Costs the model’s price per second of video (see list_models), charged when the video is ready; nothing if it fails.',
  input: z.object({
    prompt: z.string().trim().min(1).max(4000),
    durationSeconds: z.number().int().min(1).max(60).default(6),
    aspectRatio: z.enum(aspectRatios).default('16:9'),
    imageAssetId: z.uuid().optional().describe('an image asset of yours to start from'),
    model: catalogueIdSchema.optional(),
    idempotencyKey: idempotencyKeySchema,
  }),
  output: z.object({ jobId: z.string(), status: jobStatus }),
  annotations: { readOnlyHint: false, idempotentHint: false, openWorldHint: true },
  async handler() {
    throw new AppError('PROVIDER_ERROR', 'video jobs are not available yet');
  },
});

export const getJobTool = defineTool({
  name: 'get_job',
  title: 'Get a job',
  description:
    'The state of a video job started by generate_video: status, progress (0–1), the video asset when done, and the credits charged. Free.',
  input: z.object({ jobId: z.string().min(1).max(100) }),
  output: z.object({
    jobId: z.string(),
    status: jobStatus,
    progress: z.number().min(0).max(1),
    assets: z.array(z.unknown()),
    error: z.string().nullable(),
    creditsCharged: z.number().int(),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input) {
    throw new AppError('NOT_FOUND', `no job ${input.jobId}`);
  },
});
