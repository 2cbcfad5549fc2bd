import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { readImageInfo } from '../image-dimensions.js';
import type { VideoRequest } from '../video-model.js';

/** Nova Reel limits (docs/providers-aws.md): 1280x720 at 24 fps, 6 s single shot or 12–120 s in 6 s shots. */
export const novaReelLimits = {
  shotSeconds: 6,
  maxSeconds: 120,
  maxSingleShotText: 512,
  maxMultiShotText: 4000,
  maxSeed: 2_147_483_646,
  dimension: '1280x720',
  fps: 24,
} as const;

type VideoGenerationConfig = {
  durationSeconds: number;
  fps: 24;
  dimension: '1280x720';
  seed?: number;
};

export type NovaReelModelInput =
  | {
      taskType: 'TEXT_VIDEO';
      textToVideoParams: { text: string; images?: { format: 'png' | 'jpeg'; source: { bytes: string } }[] };
      videoGenerationConfig: VideoGenerationConfig;
    }
  | {
      taskType: 'MULTI_SHOT_AUTOMATED';
      multiShotAutomatedParams: { text: string };
      videoGenerationConfig: VideoGenerationConfig;
    };

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', `nova-reel: ${message}`);
}

/** Whole 6-second shots nearest the asked duration: 6 s is one shot, longer runs are multi-shot. */
export function novaReelDuration(seconds: number): number {
  if (!(seconds > 0)) throw invalid('the duration must be positive');
  const shots = Math.max(1, Math.round(seconds / novaReelLimits.shotSeconds));
  const duration = shots * novaReelLimits.shotSeconds;
  if (duration > novaReelLimits.maxSeconds)
    throw invalid(`the duration must be at most ${novaReelLimits.maxSeconds} s`);
  return duration;
}

function firstFrame(image: NonNullable<VideoRequest['image']>): {
  format: 'png' | 'jpeg';
  source: { bytes: string };
} {
  const info = readImageInfo(image.bytes);
  if (info === undefined || (info.mimeType !== 'image/png' && info.mimeType !== 'image/jpeg')) {
    throw invalid('the first frame must be a PNG or JPEG');
  }
  if (info.width !== 1280 || info.height !== 720) throw invalid('the first frame must be 1280x720');
  return {
    format: info.mimeType === 'image/png' ? 'png' : 'jpeg',
    source: { bytes: Buffer.from(image.bytes).toString('base64') },
  };
}

export function buildNovaReelInput(request: VideoRequest): NovaReelModelInput {
  if (request.aspectRatio !== '16:9') throw invalid('only 16:9 (1280x720) is offered');
  const durationSeconds = novaReelDuration(request.durationSeconds);
  const videoGenerationConfig: VideoGenerationConfig = {
    durationSeconds,
    fps: novaReelLimits.fps,
    dimension: novaReelLimits.dimension,
    ...(request.seed === undefined
      ? {}
      : { seed: Math.abs(Math.trunc(request.seed)) % (novaReelLimits.maxSeed + 1) }),
  };
  const text = request.prompt;
  if (durationSeconds === novaReelLimits.shotSeconds) {
    if (text.length < 1 || text.length > novaReelLimits.maxSingleShotText) {
      throw invalid(`a 6 s prompt must be 1–${novaReelLimits.maxSingleShotText} characters`);
    }
    const images = request.image === undefined ? undefined : [firstFrame(request.image)];
    return {
      taskType: 'TEXT_VIDEO',
      textToVideoParams: { text, ...(images ? { images } : {}) },
      videoGenerationConfig,
    };
  }
  if (request.image !== undefined) throw invalid('a first frame is only accepted for 6 s videos');
  if (text.length < 1 || text.length > novaReelLimits.maxMultiShotText) {
    throw invalid(`a multi-shot prompt must be 1–${novaReelLimits.maxMultiShotText} characters`);
  }
  return { taskType: 'MULTI_SHOT_AUTOMATED', multiShotAutomatedParams: { text }, videoGenerationConfig };
}

const getAsyncInvokeSchema = z.object({
  status: z.enum(['InProgress', 'Completed', 'Failed']),
  failureMessage: z.string().optional(),
  outputDataConfig: z.object({ s3OutputDataConfig: z.object({ s3Uri: z.string() }) }).optional(),
});

export type NovaReelJobState =
  | { kind: 'running' }
  | { kind: 'failed'; message: string }
  | { kind: 'completed'; videoUri: string };

/** Reads GetAsyncInvoke's answer. The output folder Bedrock reports holds `output.mp4`. */
export function readNovaReelJob(response: unknown): NovaReelJobState | undefined {
  const parsed = getAsyncInvokeSchema.safeParse(response);
  if (!parsed.success) return undefined;
  const { status, failureMessage, outputDataConfig } = parsed.data;
  if (status === 'InProgress') return { kind: 'running' };
  if (status === 'Failed')
    return { kind: 'failed', message: failureMessage || 'the video generation failed' };
  const folder = outputDataConfig?.s3OutputDataConfig.s3Uri;
  if (folder === undefined || !folder.startsWith('s3://')) return undefined;
  return { kind: 'completed', videoUri: `${folder.replace(/\/+$/, '')}/output.mp4` };
}
