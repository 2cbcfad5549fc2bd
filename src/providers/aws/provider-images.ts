import { AppError } from '../../errors/app-error.js';
import { readImageInfo } from '../image-dimensions.js';
import type { GeneratedImage } from '../image-model.js';

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/** A 2xx answer that does not have the promised shape: retrying the same call would not fix it. */
export function malformedAnswer(provider: string, detail: string): AppError {
  return new AppError('PROVIDER_ERROR', `${provider}: malformed answer (${detail})`, { retryable: false });
}

/** Checks raw bytes are an image we can read the size of; the provider's word is never taken for it. */
export function toGeneratedImage(provider: string, bytes: Uint8Array): GeneratedImage {
  const info = readImageInfo(bytes);
  if (info === undefined)
    throw malformedAnswer(provider, 'an image that is not a decodable PNG, JPEG or WebP');
  return { bytes, mimeType: info.mimeType, width: info.width, height: info.height };
}

/** Decodes base64 images and insists on exactly `expected` readable images. */
export function decodeBase64Images(
  provider: string,
  encoded: readonly string[],
  expected: number,
): GeneratedImage[] {
  if (encoded.length !== expected) {
    throw malformedAnswer(provider, `${encoded.length} images where ${expected} were asked for`);
  }
  return encoded.map((text) => {
    const compact = text.replace(/\s+/g, '');
    if (compact.length === 0 || compact.length % 4 !== 0 || !base64Pattern.test(compact)) {
      throw malformedAnswer(provider, 'an image that is not base64');
    }
    return toGeneratedImage(provider, Buffer.from(compact, 'base64'));
  });
}

/** Parses a JSON body, or fails as a malformed provider answer. */
export function parseJsonBody(provider: string, body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw malformedAnswer(provider, 'not JSON');
  }
}
