import { AppError, isAppError } from '../../errors/app-error.js';

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const notFoundNames = new Set(['NoSuchKey', 'NotFound', 'NoSuchUpload']);
const forbiddenNames = new Set([
  'AccessDenied',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'ExpiredToken',
  'InvalidToken',
  'AllAccessDisabled',
]);
const throttleNames = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequestsException']);
const timeoutNames = new Set(['RequestTimeout', 'TimeoutError', 'RequestTimeTooSkewed']);
const unavailableNames = new Set(['InternalError', 'ServiceUnavailable', 'OperationAborted']);
const badInputNames = new Set([
  'InvalidArgument',
  'EntityTooLarge',
  'EntityTooSmall',
  'KeyTooLongError',
  'InvalidRequest',
]);
const networkCodes = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EPIPE|ETIMEDOUT|EAI_AGAIN|socket hang up/;

/** The one table from S3 failures to project codes. Messages name the key, never credentials. */
export function mapS3Error(error: unknown, key?: string): AppError {
  if (isAppError(error)) return error;
  const shape = (error ?? {}) as SdkErrorShape;
  const name = shape.name ?? '';
  const status = shape.$metadata?.httpStatusCode;
  const message = typeof shape.message === 'string' ? shape.message : '';
  const what = key === undefined ? 'S3' : `S3 (key ${key})`;
  const options = { cause: error };
  if (name === 'AbortError') return new AppError('CANCELLED', 'the storage operation was cancelled', options);
  if (name === 'NoSuchBucket') {
    return new AppError(
      'CONFIG_ERROR',
      'the S3 bucket does not exist. Fix: check S3_BUCKET and the region',
      options,
    );
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new AppError(
      'CONFIG_ERROR',
      'S3 storage found no AWS credentials. Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE',
      options,
    );
  }
  // The SDK checks the region before it sends anything; its own words are only "Region is missing".
  if (/Region is missing/i.test(message)) {
    return new AppError(
      'CONFIG_ERROR',
      'S3 storage needs an AWS region. Fix: set AWS_REGION (e.g. AWS_REGION=us-east-1), or a region in the AWS_PROFILE config',
      options,
    );
  }
  if (notFoundNames.has(name) || status === 404)
    return new AppError('NOT_FOUND', `${what}: no such object`, options);
  if (forbiddenNames.has(name) || status === 403 || status === 401) {
    return new AppError(
      'FORBIDDEN',
      `${what} refused the request (${name || `HTTP ${status}`}). Fix: check that the AWS credentials may read and write S3_BUCKET`,
      options,
    );
  }
  if (throttleNames.has(name) || status === 429) {
    return new AppError('RATE_LIMITED', `${what} is throttling requests`, options);
  }
  if (timeoutNames.has(name) || status === 408 || status === 504) {
    return new AppError('TIMEOUT', `${what} timed out`, options);
  }
  if (unavailableNames.has(name) || (status !== undefined && status >= 500)) {
    return new AppError('UNAVAILABLE', `${what} is unavailable (${name || `HTTP ${status}`})`, options);
  }
  if (badInputNames.has(name) || status === 400) {
    return new AppError('INVALID_INPUT', `${what} rejected the request (${name || 'HTTP 400'})`, options);
  }
  if (status === undefined && (networkCodes.test(shape.code ?? '') || networkCodes.test(String(error)))) {
    return new AppError('UNAVAILABLE', `${what} could not be reached`, options);
  }
  return new AppError('INTERNAL', `${what} failed (${name || 'unknown error'})`, options);
}
