import { AppError } from '../../errors/app-error.js';
import { awsSdkFailure } from '../aws/aws-sdk-failure.js';

/** Bedrock names whose HTTP status alone would be read wrongly by the shared table. */
const bedrockSpecific: Record<
  string,
  { code: 'RATE_LIMITED' | 'TIMEOUT' | 'PROVIDER_ERROR'; retryable: boolean }
> = {
  // 429 while a model scales up: worth another try later.
  ModelNotReadyException: { code: 'RATE_LIMITED', retryable: true },
  ModelTimeoutException: { code: 'TIMEOUT', retryable: true },
  // 400, but a quota: retrying with backoff can succeed.
  ServiceQuotaExceededException: { code: 'RATE_LIMITED', retryable: true },
};

/** Maps whatever a Bedrock Runtime call threw to an AppError (AbortSignal → CANCELLED). */
export function toBedrockError(error: unknown, signal?: AbortSignal): AppError {
  const mapped = awsSdkFailure('bedrock', error, signal);
  const name = error instanceof Error ? error.name : '';
  const specific = bedrockSpecific[name];
  if (specific === undefined || mapped.code === 'CANCELLED') return mapped;
  return new AppError(specific.code, mapped.message, {
    cause: error,
    retryable: specific.retryable,
    ...(mapped.details === undefined ? {} : { details: mapped.details }),
  });
}
