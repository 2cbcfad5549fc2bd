import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { toBedrockError } from '../../src/providers/bedrock/bedrock-errors.js';

function sdkError(
  name: string,
  status: number | undefined,
  message = `${name} happened`,
  extra: object = {},
): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, ...extra });
}

describe('toBedrockError', () => {
  const cases: [Error, string, boolean][] = [
    [sdkError('ThrottlingException', 429), 'RATE_LIMITED', true],
    [sdkError('ServiceQuotaExceededException', 400), 'RATE_LIMITED', true],
    [sdkError('ModelNotReadyException', 429), 'RATE_LIMITED', true],
    [sdkError('ModelTimeoutException', 408), 'TIMEOUT', true],
    [sdkError('InternalServerException', 500), 'PROVIDER_ERROR', true],
    [sdkError('ServiceUnavailableException', 503), 'PROVIDER_ERROR', true],
    [sdkError('ValidationException', 400), 'PROVIDER_ERROR', false],
    [sdkError('AccessDeniedException', 403), 'PROVIDER_ERROR', false],
    [sdkError('InvalidSignatureException', 403), 'PROVIDER_ERROR', false],
    [sdkError('ResourceNotFoundException', 404), 'PROVIDER_ERROR', false],
    [
      sdkError('CredentialsProviderError', undefined, 'Could not load credentials from any providers'),
      'PROVIDER_NOT_CONFIGURED',
      false,
    ],
  ];
  for (const [error, code, retryable] of cases) {
    it(`${error.name} → ${code}, retryable ${retryable}`, () => {
      const mapped = toBedrockError(error);
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped).toMatchObject({ code, retryable });
      expect(mapped.cause).toBe(error);
    });
  }

  it('tells the client a generic message; the vendor message goes to the server log only', () => {
    const error = toBedrockError(sdkError('ValidationException', 400, 'Malformed input request'));
    expect(error.message).toBe('bedrock refused the request (HTTP 400, ValidationException)');
    expect(error.details).toMatchObject({ providerMessage: 'Malformed input request' });
  });

  it('an abort is CANCELLED, and a deadline abort is TIMEOUT', () => {
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(toBedrockError(abort)).toMatchObject({ code: 'CANCELLED', retryable: false });
    const deadline = AbortSignal.abort(new DOMException('deadline', 'TimeoutError'));
    expect(toBedrockError(abort, deadline)).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('passes an AppError through unchanged', () => {
    const error = new AppError('INVALID_INPUT', 'no');
    expect(toBedrockError(error)).toBe(error);
  });
});
