import { AppError } from '../../errors/app-error.js';
import { awsSdkFailure } from '../aws/aws-sdk-failure.js';
import { redactProviderText } from '../provider-error.js';

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
  const details = mapped.details === undefined ? {} : { details: mapped.details };
  if (error.name === 'ModelNotReadyException') {
    return new AppError('RATE_LIMITED', mapped.message, { cause: error, retryable: true, ...details });
  }
  if (error.name === 'ModelError') {
    const shape = error as ModelErrorShape;
    const original = typeof shape.OriginalStatusCode === 'number' ? shape.OriginalStatusCode : undefined;
    const retryable = original !== undefined && (original >= 500 || original === 429);
    // The container's own answer goes to the server log only: it may quote anything.
    const containerMessage =
      typeof shape.OriginalMessage === 'string' ? redactProviderText(shape.OriginalMessage) : undefined;
    return new AppError(
      'PROVIDER_ERROR',
      `sagemaker: the model container failed${original === undefined ? '' : ` (HTTP ${original})`}`,
      { cause: error, retryable, details: { ...mapped.details, containerMessage } },
    );
  }
  return mapped;
}
