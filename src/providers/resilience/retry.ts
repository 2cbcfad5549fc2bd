import type { AppError } from '../../errors/app-error.js';
import {
  canRetry,
  type RetryOptions,
  type RetryPolicy,
  withRetry as retryLoop,
} from '../../retry/with-retry.js';
import { isCircuitOpen } from './circuit-breaker.js';

export {
  backoffDelay,
  cancelledError,
  type RetryOptions,
  type RetryPolicy,
  realSleep,
  type Sleep,
} from '../../retry/with-retry.js';

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 8_000 };

/** Whether an error is worth another try of the same model: throttling, 5xx, timeouts; an open circuit is not. */
export function isRetryable(error: unknown): error is AppError {
  return canRetry(error) && !isCircuitOpen(error);
}

/** The shared retry loop, with an open circuit breaker vetoing a retry of the same model. */
export function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<T> {
  return retryLoop(operation, policy, {
    ...options,
    shouldRetry: (error) => !isCircuitOpen(error) && (options.shouldRetry?.(error) ?? true),
  });
}
