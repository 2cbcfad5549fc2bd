import { AppError } from '../../errors/app-error.js';
import { awsSdkFailure } from '../aws/aws-sdk-failure.js';

interface ModelErrorShape {
  OriginalStatusCode?: unknown;
  OriginalMessage?: unknown;
}

/**
 * Maps whatever a SageMaker Runtime call threw to an AppError. `ModelError` (424) wraps the
 * container's own answer: its original status decides whether a retry can help.
 */
export function toSageMakerError(error: unknown, signal?: AbortSignal): AppError {
  const mapped = awsSdkFailure('sagemaker', error, signal);
  if (mapped.code === 'CANCELLED' || !(error instanceof Error)) return mapped;
  if (error.name === 'ModelNotReadyException') {
    return new AppError('RATE_LIMITED', mapped.message, { cause: error, retryable: true });
  }
  if (error.name === 'ModelError') {
    const shape = error as ModelErrorShape;
    const original = typeof shape.OriginalStatusCode === 'number' ? shape.OriginalStatusCode : undefined;
    const detail = typeof shape.OriginalMessage === 'string' ? `: ${shape.OriginalMessage}` : '';
    const retryable = original !== undefined && (original >= 500 || original === 429);
    return new AppError('PROVIDER_ERROR', `${mapped.message}${detail}`, { cause: error, retryable });
  }
  return mapped;
}
