import type { CreditLedger } from '../credits/ledger.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { ModelRegistry } from '../providers/model-registry.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import type { Clock } from './clock.js';
import type { InflightCalls } from './inflight-calls.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ToolSessionFactory } from './tool-sessions.js';

/**
 * What the operations may use, built once by the composition root (src/main). Each operation
 * names the part it needs (`Pick<CoreDeps, …>`), so a test passes only that.
 */
export interface CoreDeps {
  db: Database;
  ledger: CreditLedger;
  rateLimiter: RateLimiter;
  /** Storage and the model registry load their SDKs on first use, off the start-up path. */
  storage(): Promise<StorageBackend>;
  models(): Promise<ModelRegistry>;
  logger: Logger;
  clock: Clock;
  inflight: InflightCalls;
  settings: CoreSettings;
  /** MCP sessions on the product's own tools, for the orchestrator (set by the composition root). */
  toolSessions?: ToolSessionFactory | undefined;
}

export interface CoreSettings {
  /** How long a call's hold lives before the sweeper returns it (and its idempotency key may run again). */
  holdTtlSeconds: number;
  /** Credits the local user of an embedded install starts with. */
  initialLocalCredits: number;
  /** MODEL_FALLBACK_CHAIN: a chat call is bounded with the highest price a fallback may charge. */
  fallbackChain: readonly string[];
}
