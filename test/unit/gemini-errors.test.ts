import { ApiError } from '@google/genai';
import { ModelThrottledError } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { mapGeminiError, parseGoogleErrorBody } from '../../src/providers/gemini/gemini-errors.js';

function apiError(code: number, status: string, message: string, details?: unknown[]): ApiError {
  return new ApiError({
    status: code,
    message: JSON.stringify({ error: { code, message, status, details } }),
  });
}

describe('mapGeminiError', () => {
  it.each([
    [429, 'RESOURCE_EXHAUSTED', 'RATE_LIMITED', true],
    [503, 'UNAVAILABLE', 'PROVIDER_ERROR', true],
    [500, 'INTERNAL', 'PROVIDER_ERROR', true],
    [504, 'DEADLINE_EXCEEDED', 'TIMEOUT', true],
    [400, 'INVALID_ARGUMENT', 'PROVIDER_ERROR', false],
    [404, 'NOT_FOUND', 'PROVIDER_ERROR', false],
    [403, 'PERMISSION_DENIED', 'PROVIDER_ERROR', false],
  ])('HTTP %i %s → %s (retryable %s), the API message logged only', (status, name, code, retryable) => {
    const error = mapGeminiError(apiError(status, name, 'the api says why'));
    expect([error.code, error.retryable]).toEqual([code, retryable]);
    expect(error.message).toMatch(new RegExp(`^gemini .*\\(HTTP ${status}, ${name}\\)`));
    expect(error.message).not.toContain('the api says why');
    expect(error.details).toMatchObject({ providerMessage: 'the api says why', status });
    if (status === 403) expect(error.message).toContain('credentials');
  });

  it('treats 400 API_KEY_INVALID as a credentials failure', () => {
    const error = mapGeminiError(
      apiError(400, 'INVALID_ARGUMENT', 'API key not valid.', [{ reason: 'API_KEY_INVALID' }]),
    );
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('credentials');
  });

  it('reads the error of an SSE chunk ("got status: …. {json}")', () => {
    const body = JSON.stringify({ error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } });
    const error = mapGeminiError(
      new ApiError({ status: 429, message: `got status: RESOURCE_EXHAUSTED. ${body}` }),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.details).toMatchObject({ providerMessage: 'slow down' });
  });

  it("unwraps Strands' ModelThrottledError to the status of its cause", () => {
    const unavailable = new ModelThrottledError('x', { cause: apiError(503, 'UNAVAILABLE', 'overloaded') });
    expect([mapGeminiError(unavailable).code, mapGeminiError(unavailable).retryable]).toEqual([
      'PROVIDER_ERROR',
      true,
    ]);
    const throttled = new ModelThrottledError('x', { cause: apiError(429, 'RESOURCE_EXHAUSTED', 'quota') });
    expect(mapGeminiError(throttled).code).toBe('RATE_LIMITED');
  });

  it('an abort, or any failure once the caller aborted, is CANCELLED', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(mapGeminiError(abort).code).toBe('CANCELLED');
    const controller = new AbortController();
    controller.abort();
    expect(mapGeminiError(new TypeError('terminated'), controller.signal).code).toBe('CANCELLED');
  });

  it('a body that does not parse is a non-retryable PROVIDER_ERROR', () => {
    for (const error of [
      new SyntaxError('Unexpected end of JSON input'),
      new Error('Incomplete JSON segment at the end'),
    ]) {
      expect([mapGeminiError(error).code, mapGeminiError(error).retryable]).toEqual([
        'PROVIDER_ERROR',
        false,
      ]);
    }
  });

  it('a refused connection is retryable and says why', () => {
    const error = mapGeminiError(
      new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }),
    );
    expect([error.code, error.retryable, error.message]).toEqual([
      'PROVIDER_ERROR',
      true,
      'gemini could not be reached (ECONNREFUSED)',
    ]);
  });

  it('passes an AppError through untouched', () => {
    const original = new AppError('INVALID_INPUT', 'no');
    expect(mapGeminiError(original)).toBe(original);
  });

  it('parseGoogleErrorBody ignores text that is not Google error JSON', () => {
    expect(parseGoogleErrorBody('plain text')).toBeUndefined();
    expect(parseGoogleErrorBody('{"not": "an error"}')).toBeUndefined();
  });
});
