import { ModelThrottledError } from '@strands-agents/sdk';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { mapOpenAiError } from '../../src/providers/openai-compatible/openai-errors.js';

function apiError(status: number, code: string | null, message: string): APIError {
  return APIError.generate(status, { error: { message, type: 'x', code } }, undefined, new Headers());
}

describe('mapOpenAiError', () => {
  it.each([
    [429, 'rate_limit_exceeded', 'RATE_LIMITED', true],
    [500, null, 'PROVIDER_ERROR', true],
    [503, null, 'PROVIDER_ERROR', true],
    [400, null, 'PROVIDER_ERROR', false],
    [404, 'model_not_found', 'PROVIDER_ERROR', false],
    [401, 'invalid_api_key', 'PROVIDER_ERROR', false],
  ])(
    'HTTP %i (%s) → %s, retryable %s, the server message logged only',
    (status, code, expected, retryable) => {
      const error = mapOpenAiError(apiError(status, code, 'server says'));
      expect([error.code, error.retryable]).toEqual([expected, retryable]);
      expect(error.message).toMatch(new RegExp(`^openai-compatible .*HTTP ${status}`));
      expect(error.message).not.toContain('server says');
      expect(error.details).toMatchObject({ providerMessage: 'server says' });
    },
  );

  it("unwraps Strands' ModelThrottledError", () => {
    const error = mapOpenAiError(
      new ModelThrottledError('throttled', { cause: apiError(429, null, 'slow') }),
    );
    expect(error.code).toBe('RATE_LIMITED');
  });

  it('aborts are CANCELLED, client timeouts TIMEOUT, connection failures retryable', () => {
    expect(mapOpenAiError(new APIUserAbortError()).code).toBe('CANCELLED');
    expect(mapOpenAiError(new APIConnectionTimeoutError()).code).toBe('TIMEOUT');
    const refused = mapOpenAiError(
      new APIConnectionError({
        cause: new TypeError('fetch failed', {
          cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
        }),
      }),
    );
    expect([refused.code, refused.retryable]).toEqual(['PROVIDER_ERROR', true]);
    expect(refused.message).toContain('ECONNREFUSED');
  });

  it('an error chunk inside the stream (no status) keeps its code', () => {
    const error = mapOpenAiError(
      new APIError(undefined, { message: 'too many', code: 'rate_limit_exceeded' }, undefined, undefined),
    );
    expect(error.code).toBe('RATE_LIMITED');
  });

  it('a body that does not parse is a non-retryable PROVIDER_ERROR', () => {
    const error = mapOpenAiError(new SyntaxError('Unexpected end of JSON input'));
    expect([error.code, error.retryable]).toEqual(['PROVIDER_ERROR', false]);
  });
});
