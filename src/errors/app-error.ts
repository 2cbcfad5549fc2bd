import { type ErrorCode, retryableCodes } from './codes.js';

export interface AppErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  /** Seconds a caller should wait before trying again (rate limits). */
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

/** The one error type that crosses module boundaries. Its message is safe to show a user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? retryableCodes.has(code);
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  /** `CODE: message`, the form tool results and CLI errors use. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Turns anything thrown into an AppError without leaking internals of unknown errors. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new AppError('CANCELLED', 'the call was cancelled', { cause: error });
  }
  return new AppError('INTERNAL', 'an internal error occurred', { cause: error });
}
