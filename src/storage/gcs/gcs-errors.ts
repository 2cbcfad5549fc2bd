import { AppError, isAppError } from '../../errors/app-error.js';

interface GcsErrorShape {
  name?: string;
  code?: number | string;
  message?: string;
}

export const keyFix =
  'set GOOGLE_APPLICATION_CREDENTIALS to the path of a service-account key file (on Google Cloud, the attached service account is used)';

const networkCodes = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EPIPE|ETIMEDOUT|EAI_AGAIN|socket hang up/;

/** The one table from Cloud Storage failures (ApiError carries the HTTP status in `code`) to project codes. */
export function mapGcsError(error: unknown, key?: string): AppError {
  if (isAppError(error)) return error;
  const shape = (error ?? {}) as GcsErrorShape;
  const status = typeof shape.code === 'number' ? shape.code : undefined;
  const text = `${shape.code ?? ''} ${shape.message ?? ''}`;
  const what = key === undefined ? 'Cloud Storage' : `Cloud Storage (key ${key})`;
  const options = { cause: error };
  if (shape.name === 'AbortError')
    return new AppError('CANCELLED', 'the storage operation was cancelled', options);
  if (/Could not load the default credentials/.test(text)) {
    return new AppError(
      'CONFIG_ERROR',
      `Cloud Storage found no Google Cloud credentials. Fix: ${keyFix}`,
      options,
    );
  }
  if (shape.name === 'SigningError' || /client_email|private_key/.test(text)) {
    return new AppError(
      'CONFIG_ERROR',
      `Cloud Storage cannot sign URLs without a service-account key. Fix: ${keyFix}`,
      options,
    );
  }
  // The SDK opens only the key file itself: a missing or unreadable one surfaces as a file error.
  const unreadable = /^(ENOENT|EACCES|EISDIR)\b.*open '([^']*)'/.exec(shape.message ?? '');
  if (unreadable !== null) {
    return new AppError(
      'CONFIG_ERROR',
      `Cloud Storage could not read the credentials file ${unreadable[2]} (${unreadable[1]}). Fix: ${keyFix}`,
      options,
    );
  }
  if (status === 404) return new AppError('NOT_FOUND', `${what}: no such object`, options);
  if (status === 401) {
    return new AppError(
      'FORBIDDEN',
      `${what} refused the request: no valid credentials (HTTP 401). Fix: ${keyFix}`,
      options,
    );
  }
  if (status === 403) {
    return new AppError(
      'FORBIDDEN',
      `${what} denied access (HTTP 403). Fix: give the service account of GOOGLE_APPLICATION_CREDENTIALS access to GCS_BUCKET (e.g. roles/storage.objectAdmin)`,
      options,
    );
  }
  if (status === 412) return new AppError('CONFLICT', `${what}: the object changed meanwhile`, options);
  if (status === 429) return new AppError('RATE_LIMITED', `${what} is throttling requests`, options);
  if (status === 408 || status === 504) return new AppError('TIMEOUT', `${what} timed out`, options);
  if (status !== undefined && status >= 500)
    return new AppError('UNAVAILABLE', `${what} is unavailable (HTTP ${status})`, options);
  if (status === 400) return new AppError('INVALID_INPUT', `${what} rejected the request`, options);
  if (networkCodes.test(text)) {
    return new AppError(
      'UNAVAILABLE',
      `${what} could not be reached. Fix: check the network (or set STORAGE_EMULATOR_HOST for an emulator)`,
      options,
    );
  }
  if (/checksum|mismatch/i.test(text)) {
    return new AppError('UNAVAILABLE', `${what}: the data was corrupted in transit`, options);
  }
  return new AppError('INTERNAL', `${what} failed`, options);
}
