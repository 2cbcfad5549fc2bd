import { AppError } from '../../errors/app-error.js';
import { mapVendorFailure } from '../provider-error.js';

/** The parts of an AWS SDK v3 service exception we read; SDK types stay out of the signature. */
export interface AwsSdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $fault?: unknown;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** A deadline fired through `AbortSignal.timeout()` is a timeout (retryable), anything else a cancel. */
function abortError(error: unknown, provider: string, signal: AbortSignal | undefined): AppError {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new AppError('TIMEOUT', `${provider}: the call ran past its deadline`, {
      cause: error,
      retryable: true,
    });
  }
  return new AppError('CANCELLED', `${provider}: the call was cancelled`, { cause: error, retryable: false });
}

/**
 * Turns anything an AWS SDK v3 client throws into an AppError: aborts, missing credentials,
 * then the shared vendor table for service errors. Vendor-specific names are handled by the callers.
 */
export function awsSdkFailure(provider: string, error: unknown, signal?: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (isAbort(error, signal)) return abortError(error, provider, signal);
  const shape = (typeof error === 'object' && error !== null ? error : {}) as AwsSdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : '';
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new AppError(
      'PROVIDER_NOT_CONFIGURED',
      `${provider}: no AWS credentials. Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE` +
        (provider === 'bedrock' ? ', or AWS_BEARER_TOKEN_BEDROCK' : ''),
      { cause: error, retryable: false },
    );
  }
  // The SDK checks the region before it signs; its own words are only "Region is missing".
  if (/Region is missing/i.test(message)) {
    return new AppError(
      'PROVIDER_NOT_CONFIGURED',
      `${provider}: no AWS region. Fix: set AWS_REGION (e.g. AWS_REGION=us-east-1), or a region in the AWS_PROFILE config`,
      { cause: error, retryable: false },
    );
  }
  const status = shape.$metadata?.httpStatusCode;
  return mapVendorFailure({
    provider,
    status: typeof status === 'number' ? status : undefined,
    vendorCode: name,
    message,
    cause: error,
  });
}
