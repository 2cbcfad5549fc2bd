import { AppError } from '../../errors/app-error.js';
import { awsSdkFailure } from '../aws/aws-sdk-failure.js';
import { redactProviderText } from '../provider-error.js';

const notFoundPattern = /^Could not find (model|endpoint|endpoint configuration) /;
const existsPattern = /^Cannot create already existing /;

/** SageMaker answers a Describe of a missing resource with a 400 ValidationException "Could not find …". */
export function isNotFound(error: unknown): boolean {
  return error instanceof AppError && error.code === 'NOT_FOUND';
}

/** Control-plane failures as AppErrors: missing resources, races, quotas, then the shared AWS table. */
export function toDeployError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : '';
  // The operator reads these at the terminal; keys or URL credentials in them are hidden all the same.
  const message = redactProviderText(error instanceof Error ? error.message : String(error));
  if (name === 'ValidationException' && notFoundPattern.test(message)) {
    return new AppError('NOT_FOUND', `sagemaker: ${message}`, { cause: error });
  }
  if (name === 'ValidationException' && existsPattern.test(message)) {
    return new AppError(
      'CONFLICT',
      `sagemaker: ${message} Fix: run the deploy again (it keeps what exists), or undeploy first`,
      { cause: error },
    );
  }
  if (name === 'ResourceLimitExceeded') {
    return new AppError(
      'PROVIDER_ERROR',
      `sagemaker: ${message} Fix: request a higher "endpoint usage" quota for this instance type in Service Quotas (docs/troubleshooting.md#sagemaker-quota)`,
      { cause: error, retryable: false },
    );
  }
  const mapped = awsSdkFailure('sagemaker', error);
  if (name === 'ValidationException') {
    return new AppError('INVALID_INPUT', `sagemaker: ${message}`, { cause: error, retryable: false });
  }
  return mapped;
}
