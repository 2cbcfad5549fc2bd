import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import {
  decodeBase64Images,
  malformedAnswer,
  parseJsonBody,
  toGeneratedImage,
} from '../aws/provider-images.js';
import type { AspectRatio, GeneratedImage, ImageRequest } from '../image-model.js';

/**
 * Sizes per ratio, multiples of 16 around 1.6–1.8 MP: Qwen-Image's own table for 1:1, 16:9 and 9:16
 * (1664x928 is 0.9% off 16:9), and the nearest pairs for 4:5 and 1.91:1, which it does not list.
 */
export const qwenImageSizes: Record<AspectRatio, { width: number; height: number }> = {
  '1:1': { width: 1328, height: 1328 },
  '16:9': { width: 1664, height: 928 },
  '9:16': { width: 928, height: 1664 },
  '4:5': { width: 1184, height: 1472 },
  '1.91:1': { width: 1680, height: 880 },
};

export const qwenImageLimits = { maxImages: 4, maxSeed: 2_147_483_647 } as const;

/** The JSON our Qwen-Image container takes (docs/providers-aws.md: an assumed contract, not a vendor API). */
export interface QwenImageRequest {
  prompt: string;
  negative_prompt?: string;
  width: number;
  height: number;
  num_images: number;
  seed?: number;
}

export function buildQwenImageRequest(request: ImageRequest): QwenImageRequest {
  if (request.prompt.length < 1)
    throw new AppError('INVALID_INPUT', 'qwen-image: the prompt must not be empty');
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > qwenImageLimits.maxImages) {
    throw new AppError('INVALID_INPUT', `qwen-image: count must be 1–${qwenImageLimits.maxImages}`);
  }
  const size = qwenImageSizes[request.aspectRatio];
  return {
    prompt: request.prompt,
    ...(request.negativePrompt ? { negative_prompt: request.negativePrompt } : {}),
    width: size.width,
    height: size.height,
    num_images: request.count,
    ...(request.seed === undefined
      ? {}
      : { seed: Math.abs(Math.trunc(request.seed)) % (qwenImageLimits.maxSeed + 1) }),
  };
}

const jsonAnswerSchema = z.union([
  z.object({ images: z.array(z.string()) }),
  z.object({ generated_images: z.array(z.string()) }),
]);

/**
 * Reads the container's answer: raw image bytes under an `image/*` content type (one image), or
 * JSON `{images: [base64]}` / `{generated_images: [base64]}`. Anything else is PROVIDER_ERROR.
 */
export function parseQwenImageResponse(
  body: Uint8Array,
  contentType: string | undefined,
  expected: number,
): GeneratedImage[] {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('image/')) {
    if (expected !== 1) throw malformedAnswer('sagemaker', `one raw image where ${expected} were asked for`);
    return [toGeneratedImage('sagemaker', body)];
  }
  if (!type.startsWith('application/json')) {
    throw malformedAnswer('sagemaker', `unexpected content type ${type || '(none)'}`);
  }
  const parsed = jsonAnswerSchema.safeParse(parseJsonBody('sagemaker', body));
  if (!parsed.success) throw malformedAnswer('sagemaker', 'JSON without an images or generated_images list');
  const images = 'images' in parsed.data ? parsed.data.images : parsed.data.generated_images;
  return decodeBase64Images('sagemaker', images, expected);
}
