import { AppError } from '../../errors/app-error.js';
import { canRetry } from '../../retry/with-retry.js';

export interface BreakerPolicy {
  /** Consecutive provider failures that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  openMs: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerPermit {
  success(): void;
  failure(error: unknown): void;
}

export const defaultBreakerPolicy: BreakerPolicy = { failureThreshold: 5, openMs: 30_000 };

export function isCircuitOpen(error: unknown): boolean {
  return error instanceof AppError && error.details?.reason === 'circuit-open';
}

/** Failures that say the provider is unwell; a bad request or a cancel says nothing about it. */
function countsAsFailure(error: unknown): boolean {
  return canRetry(error) && !isCircuitOpen(error);
}

/** One breaker per provider + model: closed → open after N failures → half-open trial → closed. */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private mode: 'closed' | 'open' = 'closed';
  private trialInFlight = false;

  constructor(
    readonly name: string,
    private readonly policy: BreakerPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  state(): BreakerState {
    if (this.mode === 'closed') return 'closed';
    return this.now() - this.openedAt >= this.policy.openMs ? 'half-open' : 'open';
  }

  /** Admits a call or fails fast; the caller reports how it went on the permit. */
  acquire(): BreakerPermit {
    const state = this.state();
    if (state === 'open' || (state === 'half-open' && this.trialInFlight)) {
      const waitMs = Math.max(0, this.policy.openMs - (this.now() - this.openedAt));
      throw new AppError(
        'PROVIDER_ERROR',
        `${this.name} is failing repeatedly; not called for another ${Math.ceil(waitMs / 1000)} s`,
        {
          retryable: true,
          retryAfterSeconds: Math.ceil(waitMs / 1000),
          details: { reason: 'circuit-open', breaker: this.name },
        },
      );
    }
    const trial = state === 'half-open';
    if (trial) this.trialInFlight = true;
    let reported = false;
    return {
      success: () => {
        if (reported) return;
        reported = true;
        this.failures = 0;
        this.mode = 'closed';
        if (trial) this.trialInFlight = false;
      },
      failure: (error) => {
        if (reported) return;
        reported = true;
        if (trial) this.trialInFlight = false;
        if (!countsAsFailure(error)) {
          // A trial that failed for the caller's reasons proves nothing: let the next one try.
          return;
        }
        this.failures++;
        if (trial || this.failures >= this.policy.failureThreshold) {
          this.mode = 'open';
          this.openedAt = this.now();
        }
      },
    };
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    const permit = this.acquire();
    try {
      const value = await operation();
      permit.success();
      return value;
    } catch (error) {
      permit.failure(error);
      throw error;
    }
  }
}

/** Breakers live for the process, keyed `provider:model`. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly policy: BreakerPolicy = defaultBreakerPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  get(provider: string, modelId: string): CircuitBreaker {
    const key = `${provider}:${modelId}`;
    let breaker = this.breakers.get(key);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(key, this.policy, this.now);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }
}
