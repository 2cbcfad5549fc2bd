import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { backoffDelay, realSleep, withRetry } from '../../src/retry/with-retry.js';

const unavailable = () => new AppError('UNAVAILABLE', 'try again', { retryable: true });
const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

/** An operation failing with `errors` in turn, then answering 'ok'; it counts its calls. */
function scripted(errors: unknown[]) {
  const calls: number[] = [];
  const operation = async (attempt: number) => {
    calls.push(attempt);
    const error = errors[calls.length - 1];
    if (error !== undefined) throw error;
    return 'ok';
  };
  return { operation, calls };
}

describe('withRetry, the one retry loop', () => {
  it('tries at most maxAttempts times, numbering each attempt, and returns the first success', async () => {
    const sleeps: number[] = [];
    const recovering = scripted([unavailable(), unavailable()]);
    const sleep = async (ms: number) => void sleeps.push(ms);
    await expect(withRetry(recovering.operation, policy, { sleep })).resolves.toBe('ok');
    expect(recovering.calls).toEqual([1, 2, 3]);
    expect(sleeps).toHaveLength(2);

    const failing = scripted([1, 2, 3, 4, 5].map(unavailable));
    await expect(withRetry(failing.operation, policy, { sleep })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(failing.calls).toEqual([1, 2, 3, 4]);
  });

  it('waits a full-jitter delay: below min(max, base·2^(n-1)), never below Retry-After', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        async (draw, retryAfterSeconds) => {
          const retries: Array<{ attempt: number; delayMs: number }> = [];
          const failing = scripted(
            [1, 2, 3, 4].map(
              () => new AppError('RATE_LIMITED', 'slow', { retryable: true, retryAfterSeconds }),
            ),
          );
          await withRetry(failing.operation, policy, {
            sleep: async () => {},
            random: () => draw,
            onRetry: (_error, attempt, delayMs) => retries.push({ attempt, delayMs }),
          }).catch(() => undefined);
          expect(retries.map((retry) => retry.attempt)).toEqual([1, 2, 3]);
          for (const { attempt, delayMs } of retries) {
            const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
            const floor = Math.min(policy.maxDelayMs, (retryAfterSeconds ?? 0) * 1000);
            expect(delayMs).toBe(Math.max(Math.floor(draw * ceiling), floor));
            expect(delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
            expect(delayMs).toBe(backoffDelay(policy, attempt, () => draw, retryAfterSeconds));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('ends with CANCELLED when the signal aborts during the back-off, without another try', async () => {
    const controller = new AbortController();
    const failing = scripted([unavailable(), unavailable()]);
    const result = withRetry(
      failing.operation,
      { ...policy, baseDelayMs: 60_000 },
      {
        signal: controller.signal,
        sleep: realSleep,
        random: () => 0.5,
        onRetry: () => setTimeout(() => controller.abort(new Error('client went away')), 5),
      },
    );
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(failing.calls).toEqual([1]);
  });

  it('turns any rejection of an injected sleep into CANCELLED', async () => {
    const failing = scripted([unavailable()]);
    const sleep = () => Promise.reject(new Error('aborted'));
    await expect(withRetry(failing.operation, policy, { sleep })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(failing.calls).toEqual([1]);
  });

  it('does not start when the signal is already aborted', async () => {
    const failing = scripted([]);
    await expect(withRetry(failing.operation, policy, { signal: AbortSignal.abort() })).rejects.toMatchObject(
      { code: 'CANCELLED' },
    );
    expect(failing.calls).toEqual([]);
  });

  it('stops at the first failure the veto refuses', async () => {
    const failing = scripted([unavailable(), new AppError('TIMEOUT', 'late', { retryable: true })]);
    const vetoed: string[] = [];
    await expect(
      withRetry(failing.operation, policy, {
        sleep: async () => {},
        shouldRetry: (error) => {
          vetoed.push(error.code);
          return error.code !== 'TIMEOUT';
        },
      }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(failing.calls).toEqual([1, 2]);
    expect(vetoed).toEqual(['UNAVAILABLE', 'TIMEOUT']);
  });

  it('throws a non-retryable failure at once, as it was thrown', async () => {
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);
    for (const error of [
      new AppError('INVALID_INPUT', 'bad request'),
      new AppError('PROVIDER_ERROR', 'denied', { retryable: false }),
      new AppError('CANCELLED', 'cancelled', { retryable: true }),
      new TypeError('a bug, not a vendor failure'),
    ]) {
      const failing = scripted([error]);
      await expect(withRetry(failing.operation, policy, { sleep })).rejects.toBe(error);
      expect(failing.calls).toEqual([1]);
    }
    expect(sleeps).toEqual([]);
  });
});
