import type { CircuitBreaker } from './circuit-breaker.js';
import type { StartTimer } from './deadline.js';
import type { RetryPolicy, Sleep } from './retry.js';

/** Everything one resilient call needs; the registry builds it from config and injected clocks. */
export interface ResiliencePolicy {
  retry: RetryPolicy;
  /** Per-call deadline; for chat streams, the longest wait for the next event. */
  timeoutMs: number;
  breaker: CircuitBreaker;
  sleep?: Sleep;
  random?: () => number;
  startTimer?: StartTimer;
  /** Runs before every call, e.g. the end-of-life check against the injected clock. */
  beforeCall?: () => void;
  /** The largest media answer taken (PROVIDER_MAX_IMAGE_BYTES, PROVIDER_MAX_VIDEO_BYTES); larger is refused. */
  maxAnswerBytes?: number;
}
