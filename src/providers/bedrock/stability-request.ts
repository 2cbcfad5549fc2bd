import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { decodeBase64Images, malformedAnswer, parseJsonBody } from '../aws/provider-images.js';
import type { AspectRatio, GeneratedImage, ImageRequest } from '../image-model.js';

/** The `aspect_ratio` values Stable Image Core and SD3.5 Large accept on Bedrock. */
export const stabilityAspectRatios = [
  '16:9',
  '1:1',
  '21:9',
  '2:3',
  '3:2',
  '4:5',
  '5:4',
  '9:16',
  '9:21',
] as const;
export type StabilityAspectRatio = (typeof stabilityAspectRatios)[number];

/** 1.91:1 is not offered: 16:9 (1.78) is the nearest of the enum, 7% narrower; 21:9 would be 22% wider. */
export const stabilityAspectRatioFor: Record<AspectRatio, StabilityAspectRatio> = {
  '1:1': '1:1',
  '4:5': '4:5',
  '9:16': '9:16',
  '16:9': '16:9',
  '1.91:1': '16:9',
};

export const stabilityLimits = { maxTextLength: 10_000, maxSeed: 4_294_967_294 } as const;

export interface StabilityRequest {
  prompt: string;
  negative_prompt?: string;
  aspect_ratio: StabilityAspectRatio;
  seed?: number;
  output_format: 'png';
}

/** One request makes one image; `index` varies the seed so a batch is not one picture repeated. */
export function buildStabilityRequest(request: ImageRequest, index: number): StabilityRequest {
  const { prompt, negativePrompt, seed } = request;
  if (prompt.length < 1 || prompt.length > stabilityLimits.maxTextLength) {
    throw new AppError(
      'INVALID_INPUT',
      `stability: the prompt must be 1–${stabilityLimits.maxTextLength} characters`,
    );
  }
  if (negativePrompt !== undefined && negativePrompt.length > stabilityLimits.maxTextLength) {
    throw new AppError(
      'INVALID_INPUT',
      `stability: the negative prompt must be at most ${stabilityLimits.maxTextLength} characters`,
    );
  }
  return {
    prompt,
    ...(negativePrompt ? { negative_prompt: negativePrompt } : {}),
    aspect_ratio: stabilityAspectRatioFor[request.aspectRatio],
    // 0 means "random" to the model, so a given seed maps into 1..max.
    ...(seed === undefined
      ? {}
      : { seed: 1 + ((Math.abs(Math.trunc(seed)) + index) % stabilityLimits.maxSeed) }),
    output_format: 'png',
  };
}

const stabilityResponseSchema = z.object({
  images: z.array(z.string()).optional(),
  finish_reasons: z.array(z.string().nullable()).optional(),
  seeds: z.array(z.union([z.number(), z.string()])).optional(),
});

/** Reads one InvokeModel answer: exactly one decodable image, unless a finish reason says it was filtered. */
export function parseStabilityResponse(body: Uint8Array): GeneratedImage {
  const parsed = stabilityResponseSchema.safeParse(parseJsonBody('bedrock', body));
  if (!parsed.success) throw malformedAnswer('bedrock', 'stability answer of the wrong shape');
  const reason = parsed.data.finish_reasons?.find((value) => value !== null);
  if (reason !== undefined) {
    throw new AppError('PROVIDER_ERROR', `bedrock: stability: ${reason}`, { retryable: false });
  }
  const [image] = decodeBase64Images('bedrock', parsed.data.images ?? [], 1);
  if (image === undefined) throw malformedAnswer('bedrock', 'stability answer without an image');
  return image;
}
