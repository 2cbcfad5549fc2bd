import { AppError, isAppError } from '../../errors/app-error.js';

/** File-system failures in project codes; paths stay out of messages (they reveal the host's layout). */
export function localFailure(error: unknown, key: string): AppError {
  if (isAppError(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new AppError('CANCELLED', 'the storage operation was cancelled', { cause: error });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EISDIR':
      return new AppError('NOT_FOUND', `no object at key ${key}`, { cause: error });
    case 'ENAMETOOLONG':
      return new AppError('INVALID_INPUT', 'the key is too long for the local file system', { cause: error });
    case 'EMFILE':
    case 'ENFILE':
    case 'EBUSY':
    case 'EAGAIN':
      return new AppError('UNAVAILABLE', 'local storage is busy; try again', { cause: error });
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('UNAVAILABLE', 'local storage is full', { cause: error, retryable: false });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('UNAVAILABLE', 'local storage folder is not writable', {
        cause: error,
        retryable: false,
      });
    default:
      return new AppError('INTERNAL', 'local storage failed', { cause: error });
  }
}
