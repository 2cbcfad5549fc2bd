import { Buffer } from 'node:buffer';
import type { Interactions } from '@google/genai';
import type { VideoRequest } from '../video-model.js';

type CreateBody = Interactions.InteractionCreateParams.CreateModelInteractionParamsNonStreaming;

/**
 * The Interactions API body for one Omni clip: text (and the first frame as an image block),
 * `response_format` video with ratio, duration as "<n>s", 720p, inline delivery; run in the
 * background so `start` returns an interaction id to poll (Veo's start/status shape).
 */
export function buildOmniRequest(providerModelId: string, request: VideoRequest): CreateBody {
  const input = request.image
    ? [
        { type: 'text' as const, text: request.prompt },
        {
          type: 'image' as const,
          data: Buffer.from(request.image.bytes).toString('base64'),
          mime_type: request.image.mimeType,
        },
      ]
    : request.prompt;
  return {
    model: providerModelId,
    input,
    response_format: {
      type: 'video',
      aspect_ratio: request.aspectRatio,
      duration: `${request.durationSeconds}s`,
      resolution: '720p',
      delivery: 'inline',
    },
    ...(request.seed === undefined ? {} : { generation_config: { seed: request.seed } }),
    background: true,
    stream: false,
  } as CreateBody;
}

export type OmniOutcome =
  | { state: 'running' }
  | { state: 'failed'; message: string }
  | { state: 'succeeded'; bytes: Uint8Array; mimeType: string };

interface InteractionView {
  status?: string | undefined;
  output_video?: { data?: string | undefined; mime_type?: string | undefined; uri?: string | undefined };
  errors?: Array<{ message?: string | undefined }> | undefined;
}

const running = new Set(['in_progress', 'queued']);

/** What a polled interaction says: still running, failed (with the vendor's words), or the clip. */
export function parseOmniInteraction(interaction: InteractionView): OmniOutcome {
  const status = interaction.status ?? 'in_progress';
  if (running.has(status)) return { state: 'running' };
  if (status !== 'completed') {
    const message = interaction.errors?.find((error) => error.message)?.message;
    return { state: 'failed', message: message ?? `interaction ended ${status}` };
  }
  const video = interaction.output_video;
  if (video?.data === undefined || video.data.length === 0) {
    return { state: 'failed', message: 'the interaction completed without an inline video' };
  }
  return {
    state: 'succeeded',
    bytes: new Uint8Array(Buffer.from(video.data, 'base64')),
    mimeType: video.mime_type ?? 'video/mp4',
  };
}
