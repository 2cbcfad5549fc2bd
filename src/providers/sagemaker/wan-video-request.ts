import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { isMp4 } from '../aws/provider-videos.js';
import { readImageInfo } from '../image-dimensions.js';
import type { AspectRatio } from '../image-model.js';
import type { VideoRequest } from '../video-model.js';

/** Wan2.2 A14B renders 16 fps; frame counts are 4n+1. Only its two 720p sizes are offered. */
export const wanLimits = { fps: 16, maxSeconds: 10, maxSeed: 2_147_483_647 } as const;

export const wanSizes: Partial<Record<AspectRatio, { width: number; height: number }>> = {
  '16:9': { width: 1280, height: 720 },
  '9:16': { width: 720, height: 1280 },
};

/** The input JSON our Wan2.2 async container reads from S3 (an assumed contract: docs/providers-aws.md). */
export interface WanVideoInput {
  prompt: string;
  negative_prompt?: string;
  width: number;
  height: number;
  num_frames: number;
  fps: number;
  seed?: number;
  /** Base64 first frame (image-to-video). */
  image?: string;
}

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', `wan2.2: ${message}`);
}

/** Frames for a duration: the nearest 4n+1 count, as the model requires. */
export function wanFrameCount(seconds: number): number {
  if (!(seconds > 0) || seconds > wanLimits.maxSeconds)
    throw invalid(`the duration must be 1–${wanLimits.maxSeconds} s`);
  return 4 * Math.max(1, Math.round((seconds * wanLimits.fps) / 4)) + 1;
}

export function buildWanVideoInput(request: VideoRequest): WanVideoInput {
  const size = wanSizes[request.aspectRatio];
  if (size === undefined) throw invalid(`only ${Object.keys(wanSizes).join(' and ')} are offered`);
  if (request.prompt.length < 1) throw invalid('the prompt must not be empty');
  let image: string | undefined;
  if (request.image !== undefined) {
    const info = readImageInfo(request.image.bytes);
    if (info === undefined) throw invalid('the first frame must be a PNG, JPEG or WebP');
    image = Buffer.from(request.image.bytes).toString('base64');
  }
  return {
    prompt: request.prompt,
    width: size.width,
    height: size.height,
    num_frames: wanFrameCount(request.durationSeconds),
    fps: wanLimits.fps,
    ...(request.seed === undefined
      ? {}
      : { seed: Math.abs(Math.trunc(request.seed)) % (wanLimits.maxSeed + 1) }),
    ...(image === undefined ? {} : { image }),
  };
}

const jsonVideoSchema = z.object({ video: z.string().min(1) });

/**
 * Reads the async output object: raw MP4 bytes, or JSON `{video: base64 MP4}`.
 * Undefined when it is neither, which the caller reports as a failed job (the object will not change).
 */
export function readWanOutput(bytes: Uint8Array): Uint8Array | undefined {
  if (isMp4(bytes)) return bytes;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = jsonVideoSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const video = Buffer.from(parsed.data.video, 'base64');
  return isMp4(video) ? new Uint8Array(video) : undefined;
}

/** The failure object holds the container's error answer; keep it short and readable. */
export function readWanFailure(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8').trim();
  let message = text;
  try {
    const json = JSON.parse(text) as { message?: unknown; error?: unknown; errorMessage?: unknown };
    const found = [json.message, json.error, json.errorMessage].find((value) => typeof value === 'string');
    if (typeof found === 'string') message = found;
  } catch {
    // Plain text is a fine message as it is.
  }
  return (message || 'the inference failed').slice(0, 500);
}
