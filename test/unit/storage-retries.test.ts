import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import type { StorageBackend, StoredObject } from '../../src/storage/storage-backend.js';
import { type RetryOptions, withRetries } from '../../src/storage/with-retries.js';
import { appErrorOf } from '../support/app-error-of.js';

const stored: StoredObject = {
  key: 'a.txt',
  size: 1,
  contentType: 'text/plain',
  metadata: {},
  lastModified: new Date(0),
  etag: undefined,
};

/** A backend whose every call fails with `failures` in turn, then succeeds; it counts calls. */
function flakyBackend(failures: unknown[]) {
  let calls = 0;
  const next = async <T>(value: T): Promise<T> => {
    const failure = failures[calls++];
    if (failure !== undefined) throw failure;
    return value;
  };
  const backend: StorageBackend = {
    kind: 'local',
    put: () => next(stored),
    get: () => next({ object: stored, body: Readable.from([]) }),
    head: () => next(stored),
    exists: () => next(true),
    list: () => next({ objects: [stored], nextCursor: undefined }),
    delete: () => next(undefined),
    presignUpload: () => next({ url: 'u', method: 'PUT', headers: {}, expiresAt: new Date(0) }),
    presignDownload: () => next({ url: 'u', method: 'GET', headers: {}, expiresAt: new Date(0) }),
    cdnUrl: () => next('u'),
  };
  return { backend, calls: () => calls };
}

const transient = (code: 'UNAVAILABLE' | 'RATE_LIMITED' | 'TIMEOUT', retryAfterSeconds?: number) =>
  new AppError(code, 'try again', { retryable: true, retryAfterSeconds });

function recorded(options: RetryOptions = {}) {
  const sleeps: number[] = [];
  const events: Array<{ operation: string; attempt: number; delayMs: number; code: string }> = [];
  return {
    sleeps,
    events,
    options: {
      sleep: async (ms: number) => void sleeps.push(ms),
      random: () => 0.5,
      onRetry: ({ operation, attempt, delayMs, error }) =>
        events.push({ operation, attempt, delayMs, code: error.code }),
      ...options,
    } satisfies RetryOptions,
  };
}

describe('withRetries (storage over the shared retry loop)', () => {
  it('retries UNAVAILABLE, RATE_LIMITED and TIMEOUT with full jitter and reports each retry', async () => {
    const { backend, calls } = flakyBackend([transient('UNAVAILABLE'), transient('RATE_LIMITED')]);
    const { sleeps, events, options } = recorded();
    await expect(withRetries(backend, options).head('a.txt')).resolves.toEqual(stored);
    expect(calls()).toBe(3);
    expect(sleeps).toEqual([50, 100]);
    expect(events).toEqual([
      { operation: 'head', attempt: 1, delayMs: 50, code: 'UNAVAILABLE' },
      { operation: 'head', attempt: 2, delayMs: 100, code: 'RATE_LIMITED' },
    ]);
  });

  it('gives up after four tries by default, with the last failure', async () => {
    const { backend, calls } = flakyBackend([1, 2, 3, 4, 5].map(() => transient('TIMEOUT')));
    const { options } = recorded();
    expect((await appErrorOf(withRetries(backend, options).list({}))).code).toBe('TIMEOUT');
    expect(calls()).toBe(4);
  });

  it('waits at least Retry-After, capped at maxDelayMs', async () => {
    const { backend } = flakyBackend([transient('RATE_LIMITED', 2), transient('RATE_LIMITED', 60)]);
    const { sleeps, options } = recorded({ maxDelayMs: 5_000 });
    await withRetries(backend, options).exists('a.txt');
    expect(sleeps).toEqual([2_000, 5_000]);
  });

  it('does not retry other codes, failures marked not retryable, or a stream body', async () => {
    for (const failure of [
      new AppError('FORBIDDEN', 'denied'),
      new AppError('PROVIDER_ERROR', 'upstream', { retryable: true }),
      new AppError('UNAVAILABLE', 'gone for good', { retryable: false }),
    ]) {
      const { backend, calls } = flakyBackend([failure]);
      await expect(withRetries(backend, recorded().options).delete('a.txt')).rejects.toBe(failure);
      expect(calls()).toBe(1);
    }
    const { backend, calls } = flakyBackend([transient('UNAVAILABLE')]);
    const put = withRetries(backend, recorded().options).put({
      key: 'a.txt',
      body: Readable.from(['a']),
      contentType: 'text/plain',
    });
    expect((await appErrorOf(put)).code).toBe('UNAVAILABLE');
    expect(calls()).toBe(1);
  });

  it('retries a byte-array body', async () => {
    const { backend, calls } = flakyBackend([transient('UNAVAILABLE')]);
    await withRetries(backend, recorded().options).put({
      key: 'a.txt',
      body: Buffer.from('a'),
      contentType: 'text/plain',
    });
    expect(calls()).toBe(2);
  });

  it('turns a foreign error into an AppError without retrying it', async () => {
    const { backend, calls } = flakyBackend([new TypeError('bug')]);
    expect((await appErrorOf(withRetries(backend, recorded().options).head('a.txt'))).code).toBe('INTERNAL');
    expect(calls()).toBe(1);
  });

  it('ends with CANCELLED when the back-off is interrupted', async () => {
    const { backend, calls } = flakyBackend([transient('UNAVAILABLE')]);
    const { options } = recorded({ sleep: () => Promise.reject(new Error('aborted')) });
    expect((await appErrorOf(withRetries(backend, options).head('a.txt'))).code).toBe('CANCELLED');
    expect(calls()).toBe(1);
  });
});
