import type { Readable } from 'node:stream';
import { type AppError, toAppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/codes.js';
import { type RetryPolicy, type Sleep, withRetry } from '../retry/with-retry.js';
import type {
  ListParams,
  ListResult,
  PresignedRequest,
  PresignUploadParams,
  PutParams,
  StorageBackend,
  StoredObject,
} from './storage-backend.js';

export interface RetryOptions {
  /** Total tries, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: Sleep;
  /** In [0, 1); full jitter draws each delay uniformly below the backoff ceiling. */
  random?: () => number;
  onRetry?: (event: { operation: string; attempt: number; delayMs: number; error: AppError }) => void;
}

const transientCodes: ReadonlySet<ErrorCode> = new Set(['UNAVAILABLE', 'RATE_LIMITED', 'TIMEOUT']);

/** The wrapper holding a backend; `inner` lets the composition root reach the local backend's route. */
export class RetryingStorage implements StorageBackend {
  readonly kind: StorageBackend['kind'];
  private readonly policy: RetryPolicy;

  constructor(
    readonly inner: StorageBackend,
    private readonly options: RetryOptions = {},
  ) {
    this.kind = inner.kind;
    this.policy = {
      maxAttempts: options.maxAttempts ?? 4,
      baseDelayMs: options.baseDelayMs ?? 100,
      maxDelayMs: options.maxDelayMs ?? 5_000,
    };
  }

  put(params: PutParams): Promise<StoredObject> {
    // A stream can be read once: only byte-array bodies can be sent again.
    const replayable = params.body instanceof Uint8Array;
    return this.attempt('put', () => this.inner.put(params), replayable, params.signal);
  }

  get(key: string, signal?: AbortSignal): Promise<{ object: StoredObject; body: Readable }> {
    return this.attempt('get', () => this.inner.get(key, signal), true, signal);
  }

  head(key: string): Promise<StoredObject | undefined> {
    return this.attempt('head', () => this.inner.head(key), true);
  }

  exists(key: string): Promise<boolean> {
    return this.attempt('exists', () => this.inner.exists(key), true);
  }

  list(params: ListParams): Promise<ListResult> {
    return this.attempt('list', () => this.inner.list(params), true);
  }

  delete(key: string): Promise<void> {
    return this.attempt('delete', () => this.inner.delete(key), true);
  }

  presignUpload(params: PresignUploadParams): Promise<PresignedRequest> {
    return this.attempt('presignUpload', () => this.inner.presignUpload(params), true);
  }

  presignDownload(params: { key: string; expiresInSeconds: number }): Promise<PresignedRequest> {
    return this.attempt('presignDownload', () => this.inner.presignDownload(params), true);
  }

  cdnUrl(params: { key: string; expiresInSeconds: number }): Promise<string> {
    return this.attempt('cdnUrl', () => this.inner.cdnUrl(params), true);
  }

  private attempt<T>(
    operation: string,
    call: () => Promise<T>,
    replayable: boolean,
    signal?: AbortSignal,
  ): Promise<T> {
    return withRetry(
      () =>
        call().catch((thrown: unknown) => {
          throw toAppError(thrown);
        }),
      this.policy,
      {
        signal,
        sleep: this.options.sleep,
        random: this.options.random,
        shouldRetry: (error) => replayable && transientCodes.has(error.code),
        onRetry: (error, attempt, delayMs) => this.options.onRetry?.({ operation, attempt, delayMs, error }),
      },
    );
  }
}

/** Retries transient failures (UNAVAILABLE, RATE_LIMITED, TIMEOUT) of a backend through the shared loop. */
export function withRetries(backend: StorageBackend, options: RetryOptions = {}): StorageBackend {
  return new RetryingStorage(backend, options);
}
