import type { AppError } from '../errors/app-error.js';
import { mapVendorFailure } from './provider-error.js';

/** A property of anything thrown, without trusting its type. */
export function errorField(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

/** Strands rewraps vendor throttling in ModelThrottledError; the SDK error with the status is its cause. */
export function unwrapThrottled(error: unknown): Error | undefined {
  const cause = errorField(error, 'cause');
  return errorField(error, 'name') === 'ModelThrottledError' && cause instanceof Error ? cause : undefined;
}

/** Failures every Strands-wrapped chat adapter maps alike; the vendor's own table decides the rest. */
export function isCommonModelFailure(error: unknown): boolean {
  return !(error instanceof Error) || error.name === 'ContextWindowOverflowError';
}

/** A non-Error throw, or Strands' context overflow (a bad request: never retried). */
export function mapCommonModelFailure(provider: string, error: unknown, overflowCode: string): AppError {
  if (!(error instanceof Error)) {
    return mapVendorFailure({ provider, status: undefined, message: String(error), cause: error });
  }
  return mapVendorFailure({
    provider,
    status: 400,
    vendorCode: overflowCode,
    message: 'the prompt is too long for the model',
    cause: error,
  });
}
