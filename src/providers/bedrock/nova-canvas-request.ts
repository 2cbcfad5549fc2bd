import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { decodeBase64Images, malformedAnswer, parseJsonBody } from '../aws/provider-images.js';
import type { AspectRatio, GeneratedImage, ImageRequest } from '../image-model.js';

/**
 * Nova Canvas TEXT_IMAGE (docs/providers-aws.md): sides are multiples of 16 in 320–4096, at most
 * 4,194,304 pixels, 1–5 images, seed 0–858,993,459, text and negative text 1–1024 characters.
 */
export const novaCanvasSizes: Record<AspectRatio, { width: number; height: number }> = {
  '1:1': { width: 1024, height: 1024 },
  '4:5': { width: 1024, height: 1280 },
  '9:16': { width: 720, height: 1280 },
  '16:9': { width: 1280, height: 720 },
  // 1376/720 = 1.911: the multiple-of-16 pair nearest 1.91:1 at this height.
  '1.91:1': { width: 1376, height: 720 },
};

export const novaCanvasLimits = {
  maxImages: 5,
  maxTextLength: 1024,
  maxSeed: 858_993_459,
  cfgScale: 6.5,
} as const;

export interface NovaCanvasRequest {
  taskType: 'TEXT_IMAGE';
  textToImageParams: { text: string; negativeText?: string };
  imageGenerationConfig: {
    numberOfImages: number;
    width: number;
    height: number;
    cfgScale: number;
    seed?: number;
  };
}

export function buildNovaCanvasRequest(request: ImageRequest): NovaCanvasRequest {
  const { prompt, negativePrompt, count, seed } = request;
  if (prompt.length < 1 || prompt.length > novaCanvasLimits.maxTextLength) {
    throw new AppError(
      'INVALID_INPUT',
      `nova-canvas: the prompt must be 1–${novaCanvasLimits.maxTextLength} characters`,
    );
  }
  if (negativePrompt !== undefined && negativePrompt.length > novaCanvasLimits.maxTextLength) {
    throw new AppError(
      'INVALID_INPUT',
      `nova-canvas: the negative prompt must be at most ${novaCanvasLimits.maxTextLength} characters`,
    );
  }
  if (!Number.isInteger(count) || count < 1 || count > novaCanvasLimits.maxImages) {
    throw new AppError('INVALID_INPUT', `nova-canvas: count must be 1–${novaCanvasLimits.maxImages}`);
  }
  const size = novaCanvasSizes[request.aspectRatio];
  return {
    taskType: 'TEXT_IMAGE',
    textToImageParams: {
      text: prompt,
      // The model rejects an empty negative text, so none is sent rather than "".
      ...(negativePrompt ? { negativeText: negativePrompt } : {}),
    },
    imageGenerationConfig: {
      numberOfImages: count,
      width: size.width,
      height: size.height,
      cfgScale: novaCanvasLimits.cfgScale,
      ...(seed === undefined ? {} : { seed: Math.abs(Math.trunc(seed)) % (novaCanvasLimits.maxSeed + 1) }),
    },
  };
}

const novaCanvasResponseSchema = z.object({
  images: z.array(z.string()).optional(),
  error: z.string().nullish(),
});

/** Reads an InvokeModel answer body: the images, decodable and as many as asked, or PROVIDER_ERROR. */
export function parseNovaCanvasResponse(body: Uint8Array, expected: number): GeneratedImage[] {
  const parsed = novaCanvasResponseSchema.safeParse(parseJsonBody('bedrock', body));
  if (!parsed.success) throw malformedAnswer('bedrock', 'nova-canvas answer without an images list');
  const { images, error } = parsed.data;
  if (error) throw new AppError('PROVIDER_ERROR', `bedrock: nova-canvas: ${error}`, { retryable: false });
  if (images === undefined) throw malformedAnswer('bedrock', 'nova-canvas answer without an images list');
  return decodeBase64Images('bedrock', images, expected);
}
