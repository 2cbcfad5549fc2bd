import { AppError, toAppError } from '../../errors/app-error.js';

export interface FallbackCandidate<T> {
  id: string;
  /** Variables still to set; a non-empty list skips the candidate. */
  missing: readonly string[];
  run: () => Promise<T>;
}

export interface FallbackResult<T> {
  value: T;
  servedBy: string;
  /** Candidates tried before the one that served, with why each failed. */
  failed: { id: string; code: string; message: string }[];
}

/** Errors that another model would meet too, so trying one is pointless. */
export function stopsFallback(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'CANCELLED' || error.code === 'INVALID_INPUT');
}

/** Tries each configured candidate in order until one answers; reports which one served. */
export async function runWithFallback<T>(
  candidates: readonly FallbackCandidate<T>[],
): Promise<FallbackResult<T>> {
  const configured = candidates.filter((candidate) => candidate.missing.length === 0);
  if (configured.length === 0) {
    const first = candidates[0];
    throw new AppError(
      'PROVIDER_NOT_CONFIGURED',
      first === undefined
        ? 'no model to call'
        : `model ${first.id} is not configured: set ${first.missing.join(', ')}`,
      { details: { model: first?.id, missing: first?.missing } },
    );
  }
  const failed: FallbackResult<T>['failed'] = [];
  let lastError: unknown;
  for (const candidate of configured) {
    try {
      return { value: await candidate.run(), servedBy: candidate.id, failed };
    } catch (error) {
      if (stopsFallback(error)) throw error;
      const appError = toAppError(error);
      failed.push({ id: candidate.id, code: appError.code, message: appError.message });
      lastError = error;
    }
  }
  throw toAppError(lastError);
}
