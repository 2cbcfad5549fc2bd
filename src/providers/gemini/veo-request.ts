import type { GenerateVideosOperation, GenerateVideosParameters } from '@google/genai';
import { AppError } from '../../errors/app-error.js';
import type { AspectRatio } from '../image-model.js';
import type { VideoRequest } from '../video-model.js';

/** Veo renders only 16:9 and 9:16 (https://ai.google.dev/gemini-api/docs/video). */
export function veoAspectRatio(ratio: AspectRatio): '16:9' | '9:16' {
  if (ratio === '16:9' || ratio === '1.91:1') return '16:9';
  if (ratio === '9:16' || ratio === '4:5') return '9:16';
  throw new AppError('INVALID_INPUT', `Veo renders 16:9 or 9:16 videos, not ${ratio}`);
}

/**
 * Veo 3.x renders 4, 6 or 8 seconds; Veo 2 any whole number from 5 to 8. Asked-for lengths
 * round up to the next one the model renders (never shorter than asked), capped at 8.
 */
export function veoDurationSeconds(model: string, seconds: number): number {
  const allowed = model.startsWith('veo-2') ? [5, 6, 7, 8] : [4, 6, 8];
  return allowed.find((value) => value >= Math.round(seconds)) ?? 8;
}

/** `generateVideos` parameters; the SDK turns them into `instances[0]` and `parameters` of predictLongRunning. */
export function buildVeoRequest(model: string, request: VideoRequest): GenerateVideosParameters {
  return {
    model,
    source: {
      prompt: request.prompt,
      ...(request.image
        ? {
            image: {
              imageBytes: Buffer.from(request.image.bytes).toString('base64'),
              mimeType: request.image.mimeType,
            },
          }
        : {}),
    },
    config: {
      aspectRatio: veoAspectRatio(request.aspectRatio),
      durationSeconds: veoDurationSeconds(model, request.durationSeconds),
      numberOfVideos: 1,
      // No seed: the Developer API rejects it (only Vertex takes one).
      ...(request.signal ? { abortSignal: request.signal } : {}),
    },
  };
}

export type VeoOutcome =
  | { state: 'running' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; uri: string | undefined; bytes: Uint8Array | undefined; mimeType: string };

/** Reads a polled operation: done or not, its error, or its first video (as a URI or inline bytes). */
export function parseVeoOperation(operation: GenerateVideosOperation): VeoOutcome {
  if (!operation.done) return { state: 'running' };
  if (operation.error) {
    const message =
      typeof operation.error.message === 'string' ? operation.error.message : JSON.stringify(operation.error);
    return { state: 'failed', message };
  }
  const video = operation.response?.generatedVideos?.[0]?.video;
  if (!video?.uri && !video?.videoBytes) {
    const reasons = operation.response?.raiMediaFilteredReasons?.join('; ');
    return {
      state: 'failed',
      message: reasons ? `filtered by safety rules: ${reasons}` : 'the operation finished without a video',
    };
  }
  return {
    state: 'ready',
    uri: video.uri,
    bytes: video.videoBytes ? new Uint8Array(Buffer.from(video.videoBytes, 'base64')) : undefined,
    mimeType: video.mimeType ?? 'video/mp4',
  };
}

/** The API key may travel only over TLS, or to a local stand-in. */
export function mayCarryApiKey(uri: string): boolean {
  if (!URL.canParse(uri)) return false;
  const url = new URL(uri);
  return (
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  );
}
