import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/core/rate-limiter.js';
import { AppError } from '../../src/errors/app-error.js';

function refusal(action: () => void): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('RateLimiter', () => {
  it('allows a burst up to the per-minute limit, then answers RATE_LIMITED with a retry hint', () => {
    let now = 0;
    const limiter = new RateLimiter({ userPerMinute: 3, providerPerMinute: 100 }, () => now);
    for (let call = 0; call < 3; call++) limiter.take('ada', 'gemini');
    const error = refusal(() => limiter.take('ada', 'gemini'));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(20);
    expect(error.message).toMatch(/retry in 20 s/);
    now += 20_000;
    expect(() => limiter.take('ada', 'gemini')).not.toThrow();
  });

  it('keeps users apart but shares the provider bucket, and a refusal takes no token', () => {
    const now = 0;
    const limiter = new RateLimiter({ userPerMinute: 10, providerPerMinute: 2 }, () => now);
    limiter.take('ada', 'bedrock');
    limiter.take('bob', 'bedrock');
    expect(refusal(() => limiter.take('cy', 'bedrock')).message).toMatch(/bedrock limit is 2 a minute/);
    // cy's own bucket was not charged by the refused call: 10 calls without a provider still pass.
    for (let call = 0; call < 10; call++) limiter.take('cy');
    expect(refusal(() => limiter.take('cy')).code).toBe('RATE_LIMITED');
  });
});
