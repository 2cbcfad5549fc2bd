import { AppError } from '../errors/app-error.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export interface RateLimits {
  /** Paid calls per user. */
  userPerMinute: number;
  providerPerMinute: number;
  /** HTTP requests per user, every route; unlimited when absent. */
  requestsPerMinute?: number;
  /** Tool calls and resource reads per user, free ones included; unlimited when absent. */
  toolCallsPerMinute?: number;
  /** New MCP sessions per user; unlimited when absent. */
  sessionsPerMinute?: number;
}

/** What a user spends besides paid calls, each from its own bucket. */
export type RequestScope = 'request' | 'tool-call' | 'session';

const scopeLimit: Record<RequestScope, { limit: keyof RateLimits; label: string }> = {
  request: { limit: 'requestsPerMinute', label: 'your request limit' },
  'tool-call': { limit: 'toolCallsPerMinute', label: 'your tool call limit' },
  session: { limit: 'sessionsPerMinute', label: 'your new-session limit' },
};

/** A bucket untouched this long is full again, so forgetting it changes nothing. */
const refillMs = 60_000;
/** Past this many buckets, full ones are forgotten: memory stays bounded by active users. */
const pruneAbove = 10_000;

/**
 * Token buckets per user and per provider, in process memory. A refused call gets
 * RATE_LIMITED with the seconds to wait. (Several server processes each keep their own.)
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;

  constructor(
    private readonly limits: RateLimits,
    now: () => number = Date.now,
  ) {
    this.now = now;
  }

  /** Takes one token from each bucket of a paid call, or none if any is empty. */
  take(userId: string, provider?: string): void {
    const keys: Array<[string, number, string]> = [
      [`user:${userId}`, this.limits.userPerMinute, 'your per-user limit'],
    ];
    if (provider !== undefined)
      keys.push([`provider:${provider}`, this.limits.providerPerMinute, `the ${provider} limit`]);
    this.takeAll(keys);
  }

  /** One request, tool call or new session of a user; RATE_LIMITED past its per-minute limit. */
  takeFor(scope: RequestScope, userId: string): void {
    const { limit, label } = scopeLimit[scope];
    const perMinute = this.limits[limit];
    if (perMinute === undefined) return;
    this.takeAll([[`${scope}:${userId}`, perMinute, label]]);
  }

  private takeAll(keys: Array<[string, number, string]>): void {
    const now = this.now();
    if (this.buckets.size > pruneAbove) this.prune(now);
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

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (now - bucket.updatedAt >= refillMs) this.buckets.delete(key);
  }

  private refill(key: string, perMinute: number, now: number): Bucket {
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, updatedAt: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.updatedAt) * perMinute) / 60_000);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
