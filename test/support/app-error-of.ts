import { expect } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';

/** Resolves to the AppError `promise` rejects with; fails the test if it resolves or throws anything else. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
