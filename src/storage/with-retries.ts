import type { Readable } from 'node:stream';
import { AppError, toAppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/codes.js';
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
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** In [0, 1); full jitter draws each delay uniformly below the backoff ceiling. */
  random?: () => number;
  onRetry?: (event: { operation: string; attempt: number; delayMs: number; error: AppError }) => void;
}

const transientCodes: ReadonlySet<ErrorCode> = new Set(['UNAVAILABLE', 'RATE_LIMITED', 'TIMEOUT']);

/** Delay before retry number `attempt` (1-based): full jitter under min(max, base * 2^(attempt-1)). */
export function backoffDelay(
  attempt: number,
  options: Required<Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>>,
) {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * ceiling);
}

function defaultSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The wrapper holding a backend; `inner` lets the composition root reach the local backend's route. */
export class RetryingStorage implements StorageBackend {
  readonly kind: StorageBackend['kind'];
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: NonNullable<RetryOptions['sleep']>;
  private readonly random: () => number;
  private readonly onRetry: RetryOptions['onRetry'];

  constructor(
    readonly inner: StorageBackend,
    options: RetryOptions = {},
  ) {
    this.kind = inner.kind;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
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

  private async attempt<T>(
    operation: string,
    call: () => Promise<T>,
    replayable: boolean,
    signal?: AbortSignal,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (thrown) {
        const error = toAppError(thrown);
        const transient = transientCodes.has(error.code) && error.retryable;
        if (!transient || !replayable || attempt >= this.maxAttempts || signal?.aborted) throw error;
        const jittered = backoffDelay(attempt, {
          baseDelayMs: this.baseDelayMs,
          maxDelayMs: this.maxDelayMs,
          random: this.random,
        });
        const delayMs = Math.min(this.maxDelayMs, Math.max(jittered, (error.retryAfterSeconds ?? 0) * 1000));
        this.onRetry?.({ operation, attempt, delayMs, error });
        try {
          await this.sleep(delayMs, signal);
        } catch (cause) {
          throw new AppError('CANCELLED', 'the storage operation was cancelled', { cause });
        }
      }
    }
  }
}

/** Retries transient failures (UNAVAILABLE, RATE_LIMITED, TIMEOUT) here and nowhere else. */
export function withRetries(backend: StorageBackend, options: RetryOptions = {}): StorageBackend {
  return new RetryingStorage(backend, options);
}
