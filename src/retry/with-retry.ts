import { AppError } from '../errors/app-error.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryOptions {
  signal?: AbortSignal;
  sleep?: Sleep;
  /** In [0, 1); the full-jitter draw. */
  random?: () => number;
  /** Extra veto on top of `canRetry`, e.g. never retry a video start that may have reached the vendor. */
  shouldRetry?: (error: AppError) => boolean;
  onRetry?: (error: AppError, attempt: number, delayMs: number) => void;
}

export function cancelledError(cause?: unknown): AppError {
  return new AppError('CANCELLED', 'the call was cancelled', { cause });
}

function isCancelled(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'CANCELLED';
}

/** setTimeout that an abort ends early with CANCELLED. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Full jitter (AWS Architecture Blog): uniform in [0, min(cap, base·2^n)], never below Retry-After. */
export function backoffDelay(
  policy: RetryPolicy,
  retryNumber: number,
  random: () => number,
  retryAfterSeconds?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
  const jittered = Math.floor(random() * ceiling);
  const floor = retryAfterSeconds === undefined ? 0 : Math.min(policy.maxDelayMs, retryAfterSeconds * 1000);
  return Math.max(jittered, floor);
}

/** The floor every retry stands on: an AppError marked retryable that is not a cancel. */
export function canRetry(error: unknown): error is AppError {
  return error instanceof AppError && error.retryable && error.code !== 'CANCELLED';
}

/**
 * The one retry loop of the project, for providers and storage alike. Only AppErrors marked
 * retryable are retried (adapters set that when they map vendor failures); an abort ends it with CANCELLED.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<T> {
  const { signal, sleep = realSleep, random = Math.random } = options;
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw cancelledError(signal.reason);
    try {
      return await operation(attempt);
    } catch (error) {
      if (signal?.aborted) throw isCancelled(error) ? error : cancelledError(error);
      const again = attempt < maxAttempts && canRetry(error) && (options.shouldRetry?.(error) ?? true);
      if (!again) throw error;
      const delay = backoffDelay(policy, attempt, random, error.retryAfterSeconds);
      options.onRetry?.(error, attempt, delay);
      // A sleep ends early only on abort, whatever it rejects with.
      await sleep(delay, signal).catch((cause: unknown) => {
        throw isCancelled(cause) ? cause : cancelledError(cause);
      });
    }
  }
}
