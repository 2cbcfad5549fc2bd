import { AppError } from '../errors/app-error.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets per user and per provider, in process memory. A refused call gets
 * RATE_LIMITED with the seconds to wait. (Several server processes each keep their own.)
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(
    private readonly limits: { userPerMinute: number; providerPerMinute: number },
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  /** Takes one token from each bucket, or none if any is empty. */
  take(userId: string, provider?: string): void {
    const keys: Array<[string, number, string]> = [
      [`user:${userId}`, this.limits.userPerMinute, 'your per-user limit'],
    ];
    if (provider !== undefined)
      keys.push([`provider:${provider}`, this.limits.providerPerMinute, `the ${provider} limit`]);
    const now = this.now();
    const buckets = keys.map(([key, perMinute, label]) => ({
      bucket: this.refill(key, perMinute, now),
      perMinute,
      label,
    }));
    for (const { bucket, perMinute, label } of buckets) {
      if (bucket.tokens < 1) {
        const seconds = Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / perMinute));
        throw new AppError(
          'RATE_LIMITED',
          `too many calls (${label} is ${perMinute} a minute); retry in ${seconds} s`,
          {
            retryAfterSeconds: seconds,
          },
        );
      }
    }
    for (const { bucket } of buckets) bucket.tokens -= 1;
  }

  private refill(key: string, perMinute: number, now: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, updatedAt: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.updatedAt) * perMinute) / 60_000);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
