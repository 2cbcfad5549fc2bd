import type { GenerateContentResponse } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import {
  buildGeminiImageRequest,
  nearestGeminiAspectRatio,
  parseGeminiImageResponse,
} from '../../src/providers/gemini/gemini-image-request.js';
import { providerFailureDetails } from '../../src/providers/provider-error.js';
import { encodePng } from '../fakes/png.js';

function response(value: unknown): GenerateContentResponse {
  return value as GenerateContentResponse;
}

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('nearestGeminiAspectRatio', () => {
  it.each([
    ['1:1', '1:1'],
    ['4:5', '4:5'],
    ['9:16', '9:16'],
    ['16:9', '16:9'],
    ['1.91:1', '16:9'],
  ] as const)('%s → %s', (ratio, expected) => {
    expect(nearestGeminiAspectRatio(ratio)).toBe(expected);
  });
});

describe('buildGeminiImageRequest', () => {
  it('asks for the IMAGE modality only, with the ratio, seed and signal, and folds the negative prompt in', () => {
    const signal = new AbortController().signal;
    const request = buildGeminiImageRequest('gemini-2.5-flash-image', {
      prompt: 'A lighthouse',
      negativePrompt: 'people',
      aspectRatio: '4:5',
      count: 3,
      seed: 9,
      signal,
    });
    expect(request).toEqual({
      model: 'gemini-2.5-flash-image',
      contents: [{ role: 'user', parts: [{ text: 'A lighthouse\n\nAvoid: people' }] }],
      config: {
        responseModalities: ['IMAGE'],
        imageConfig: { aspectRatio: '4:5' },
        seed: 9,
        abortSignal: signal,
      },
    });
  });

  it('leaves out what was not asked for', () => {
    const request = buildGeminiImageRequest('m', { prompt: 'p', aspectRatio: '1:1', count: 1 });
    expect(request.contents).toEqual([{ role: 'user', parts: [{ text: 'p' }] }]);
    expect(request.config).toEqual({ responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '1:1' } });
  });
});

describe('parseGeminiImageResponse', () => {
  it('returns the inline image with the size and type read from its own header', () => {
    const png = encodePng(12, 7);
    const image = parseGeminiImageResponse(
      response({
        candidates: [
          {
            content: {
              parts: [
                { text: 'Here it is' },
                { inlineData: { mimeType: 'image/jpeg', data: png.toString('base64') } },
              ],
            },
            finishReason: 'STOP',
          },
        ],
      }),
    );
    expect(image.mimeType).toBe('image/png');
    expect([image.width, image.height]).toEqual([12, 7]);
    expect(Buffer.from(image.bytes)).toEqual(png);
  });

  it('names the finish reason when no image came back; what the model said stays in the log details', () => {
    const error = caught(() =>
      parseGeminiImageResponse(
        response({
          candidates: [
            { content: { parts: [{ text: 'I cannot draw that.' }] }, finishReason: 'IMAGE_SAFETY' },
          ],
        }),
      ),
    );
    expect([error.code, error.retryable]).toEqual(['PROVIDER_ERROR', false]);
    expect(error.message).toContain('IMAGE_SAFETY');
    // The vendor's words never reach the client (hardening issue); the server log gets them.
    expect(error.message).not.toContain('I cannot draw that.');
    expect(providerFailureDetails(error)?.providerMessage).toContain('I cannot draw that.');
  });

  it('names the prompt block reason when there is no candidate at all', () => {
    const error = caught(() =>
      parseGeminiImageResponse(response({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } })),
    );
    expect(error.message).toContain('PROHIBITED_CONTENT');
  });

  it('refuses inline data that is not an image', () => {
    const data = Buffer.from('not an image at all, just text').toString('base64');
    const error = caught(() =>
      parseGeminiImageResponse(
        response({ candidates: [{ content: { parts: [{ inlineData: { mimeType: 'image/png', data } }] } }] }),
      ),
    );
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toBe('gemini sent a malformed response');
    expect(providerFailureDetails(error)?.providerMessage).toMatch(/not a PNG, JPEG or WebP/);
  });
});
