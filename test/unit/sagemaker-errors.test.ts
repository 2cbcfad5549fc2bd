import { describe, expect, it } from 'vitest';
import { toSageMakerError } from '../../src/providers/sagemaker/sagemaker-errors.js';

function sdkError(
  name: string,
  status: number | undefined,
  message = `${name} happened`,
  extra: object = {},
): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, ...extra });
}

describe('toSageMakerError', () => {
  it('reads ModelError by the container status it wraps', () => {
    const retryable = toSageMakerError(
      sdkError('ModelError', 424, 'container failed', { OriginalStatusCode: 503, OriginalMessage: 'busy' }),
    );
    expect(retryable).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true });
    expect(retryable.message).not.toContain('busy');
    expect(retryable.details).toMatchObject({ containerMessage: 'busy' });
    const final = toSageMakerError(
      sdkError('ModelError', 424, 'container failed', { OriginalStatusCode: 400 }),
    );
    expect(final).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
  });

  it('maps throttling, a model not ready, 5xx and validation', () => {
    expect(toSageMakerError(sdkError('ThrottlingException', 400))).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
    });
    expect(toSageMakerError(sdkError('ModelNotReadyException', 429))).toMatchObject({
      code: 'RATE_LIMITED',
      retryable: true,
    });
    expect(toSageMakerError(sdkError('InternalFailure', 500))).toMatchObject({
      code: 'PROVIDER_ERROR',
      retryable: true,
    });
    expect(toSageMakerError(sdkError('ValidationError', 400))).toMatchObject({
      code: 'PROVIDER_ERROR',
      retryable: false,
    });
  });

  it('names the variables to set when there are no credentials', () => {
    const error = toSageMakerError(
      sdkError('CredentialsProviderError', undefined, 'Could not load credentials'),
    );
    expect(error.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(error.message).toContain('AWS_ACCESS_KEY_ID');
    expect(error.message).not.toContain('BEARER');
  });
});
