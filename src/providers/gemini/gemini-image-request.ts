import type { GenerateContentParameters, GenerateContentResponse } from '@google/genai';
import { readImageInfo } from '../image-dimensions.js';
import type { AspectRatio, GeneratedImage, ImageRequest } from '../image-model.js';
import { mapVendorFailure } from '../provider-error.js';

/** Aspect ratios `imageConfig.aspectRatio` accepts (https://ai.google.dev/gemini-api/docs/image-generation). */
export const geminiImageAspectRatios = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
] as const;

function ratioValue(ratio: string): number {
  const [width = '1', height = '1'] = ratio.split(':');
  return Number(width) / Number(height);
}

/**
 * The supported ratio closest to `ratio` on a log scale (so 2:1 and 1:2 are equally far from 1:1).
 * Only 1.91:1 is not supported as such: it becomes 16:9 (rendered 1344x768, 8.4% off), not 21:9 (2.33).
 */
export function nearestGeminiAspectRatio(ratio: AspectRatio): string {
  const target = Math.log(ratioValue(ratio));
  let best: string = geminiImageAspectRatios[0];
  for (const candidate of geminiImageAspectRatios) {
    if (Math.abs(Math.log(ratioValue(candidate)) - target) < Math.abs(Math.log(ratioValue(best)) - target)) {
      best = candidate;
    }
  }
  return best;
}

/** One image per call: Gemini image models refuse `candidateCount` above 1. */
export function buildGeminiImageRequest(model: string, request: ImageRequest): GenerateContentParameters {
  // No negative-prompt field exists for Gemini image models, so it becomes an instruction.
  const text = request.negativePrompt
    ? `${request.prompt}\n\nAvoid: ${request.negativePrompt}`
    : request.prompt;
  return {
    model,
    contents: [{ role: 'user', parts: [{ text }] }],
    config: {
      responseModalities: ['IMAGE'],
      imageConfig: { aspectRatio: nearestGeminiAspectRatio(request.aspectRatio) },
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.signal ? { abortSignal: request.signal } : {}),
    },
  };
}

/** The first inline image of the answer, checked by its own header; a missing image names the API's reason. */
export function parseGeminiImageResponse(response: GenerateContentResponse): GeneratedImage {
  const candidate = response.candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  const inline = parts.find((part) => part.inlineData?.data)?.inlineData;
  if (!inline?.data) {
    const reason = candidate?.finishReason ?? response.promptFeedback?.blockReason ?? 'NO_IMAGE';
    const said = parts
      .map((part) => part.text ?? '')
      .join(' ')
      .trim();
    throw mapVendorFailure({
      provider: 'gemini',
      status: undefined,
      vendorCode: String(reason),
      message: `no image in the answer (reason: ${reason})${said ? `: ${said.slice(0, 200)}` : ''}`,
    });
  }
  const bytes = new Uint8Array(Buffer.from(inline.data, 'base64'));
  const info = readImageInfo(bytes);
  if (!info) {
    throw mapVendorFailure({
      provider: 'gemini',
      status: undefined,
      vendorCode: 'MALFORMED_RESPONSE',
      message: `the answer's ${inline.mimeType ?? 'inline data'} is not a PNG, JPEG or WebP image`,
    });
  }
  return { bytes, mimeType: info.mimeType, width: info.width, height: info.height };
}
