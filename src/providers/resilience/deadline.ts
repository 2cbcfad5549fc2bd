import { AppError } from '../../errors/app-error.js';
import { cancelledError } from './retry.js';

/** Starts a timer and returns its cancel function; injectable so tests need no real time. */
export type StartTimer = (ms: number, onExpire: () => void) => () => void;

export const realTimer: StartTimer = (ms, onExpire) => {
  const timer = setTimeout(onExpire, ms);
  return () => clearTimeout(timer);
};

export interface DeadlineOptions {
  timeoutMs: number;
  /** The caller's signal (the MCP request's): its abort ends the call with CANCELLED. */
  signal?: AbortSignal;
  startTimer?: StartTimer;
}

export function timeoutError(timeoutMs: number): AppError {
  return new AppError('TIMEOUT', `the provider gave no answer within ${timeoutMs} ms`, { retryable: true });
}

/**
 * Runs `operation` with a signal that aborts at the deadline or when the caller aborts, and
 * settles at that moment even if the operation ignores its signal.
 */
export function withDeadline<T>(
  operation: (signal: AbortSignal) => Promise<T>,
  options: DeadlineOptions,
): Promise<T> {
  const { timeoutMs, signal, startTimer = realTimer } = options;
  if (signal?.aborted) return Promise.reject(cancelledError(signal.reason));
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      signal?.removeEventListener('abort', onCallerAbort);
      action();
    };
    const onCallerAbort = () => {
      controller.abort(signal?.reason);
      finish(() => reject(cancelledError(signal?.reason)));
    };
    const cancelTimer = startTimer(timeoutMs, () => {
      const error = timeoutError(timeoutMs);
      controller.abort(error);
      finish(() => reject(error));
    });
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    operation(controller.signal).then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
