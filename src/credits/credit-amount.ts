import { AppError } from '../errors/app-error.js';

/** Credits are whole, non-negative and below 2^53 (bigint columns are read back as numbers). */
export function assertCreditAmount(value: number, name: string, options: { allowZero: boolean }): void {
  const lowest = options.allowZero ? 0 : 1;
  if (!Number.isSafeInteger(value) || value < lowest) {
    throw new AppError(
      'INVALID_INPUT',
      `${name} must be a whole number of credits ${options.allowZero ? '≥ 0' : '≥ 1'}, got ${value}`,
    );
  }
}
