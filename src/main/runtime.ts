import type { Config } from '../config/config.js';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { type Core, createCore } from '../core/create-core.js';
import { InflightCalls } from '../core/inflight-calls.js';
import { RateLimiter } from '../core/rate-limiter.js';
import { startHoldSweeper } from '../credits/hold-sweeper.js';
import { CreditLedger } from '../credits/ledger.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { ModelRegistry } from '../providers/model-registry.js';
import type { ProviderModule } from '../providers/provider-module.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { inProcessToolSessions } from './in-process-tool-sessions.js';
import { openMigratedDatabase } from './open-database.js';
import { publicBaseUrl } from './public-base-url.js';

/** How long a stop waits for paid calls in progress before cancelling them (their holds are released). */
const drainGraceMs = 10_000;

export interface RuntimeOverrides {
  db?: Database;
  storage?: StorageBackend;
  modules?: readonly ProviderModule[];
  clock?: Clock;
  /** The bound port, when links must name it (`serve --port 0`). */
  port?: number;
}

/** The process: the core and every long-lived part, with one start and one graceful stop. */
export interface Runtime {
  config: Config;
  logger: Logger;
  core: Core;
  /** Where links to this server point. */
  baseUrl: string;
  /** Migrations applied while opening. */
  migrationsApplied: string[];
  storage(): Promise<StorageBackend>;
  /** Starts the hold sweeper and the video job worker. */
  start(): void;
  /**
   * Drains running calls (waiting up to `graceMs`, then cancelling the rest, whose holds are
   * released), stops the workers, closes the database; safe to call twice.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

/**
 * The composition root: the only place that builds pools, SDK clients and the core. `serve`,
 * `stdio` and every CLI command open the process through it.
 */
export async function openRuntime(
  config: Config,
  logger: Logger,
  overrides: RuntimeOverrides = {},
): Promise<Runtime> {
  const opened = overrides.db === undefined ? await openMigratedDatabase(config, logger) : undefined;
  const db = overrides.db ?? (opened?.db as Database);
  const clock = overrides.clock ?? systemClock;
  const ledger = new CreditLedger({
    db,
    now: clock.now,
    newId: clock.newId,
    holdTtlSeconds: config.credits.holdTtlSeconds,
  });
  const baseUrl = publicBaseUrl(config, overrides.port);
  const storage = once(async () => {
    if (overrides.storage !== undefined) return overrides.storage;
    const { createStorage } = await import('../storage/create-storage.js');
    return createStorage(config, { publicBaseUrl: baseUrl });
  });
  // The registry loads Strands and vendor SDKs lazily; `stdio` answers tools/list without them.
  const models = once(async (): Promise<ModelRegistry> => {
    const { createModelRegistry } = await import('../providers/model-registry.js');
    return createModelRegistry({
      config,
      logger,
      now: clock.now,
      ...(overrides.modules === undefined ? {} : { modules: overrides.modules }),
    });
  });
  const inflight = new InflightCalls();
  const core = createCore({
    db,
    ledger,
    rateLimiter: new RateLimiter(config.rateLimits, () => clock.now().getTime()),
    storage,
    models,
    logger,
    clock,
    inflight,
    // The orchestrator's tools are this core's own MCP tools (built after it; used per turn).
    toolSessions: inProcessToolSessions({ core: () => core, logger }),
    settings: {
      holdTtlSeconds: config.credits.holdTtlSeconds,
      initialLocalCredits: config.credits.initialLocalCredits,
      fallbackChain: config.models.fallbackChain,
    },
  });

  const workers: Array<{ stop(): Promise<void> }> = [];
  let stopping: Promise<void> | undefined;
  return {
    config,
    logger,
    core,
    baseUrl,
    migrationsApplied: opened?.migrations.applied ?? [],
    storage,
    start() {
      if (workers.length > 0) return;
      // At once, then on a timer: holds left by a process that crashed come back at this start.
      void core.sweep().catch((error: unknown) => logger.error({ err: error }, 'credit hold sweep failed'));
      workers.push(
        startHoldSweeper({
          ledger: { sweepExpiredHolds: core.sweep },
          intervalMs: config.credits.sweepIntervalSeconds * 1000,
          logger,
        }),
      );
      void import('../jobs/job-poller.js').then(({ startJobPoller }) => {
        if (stopping === undefined) workers.push(startJobPoller({ advanceDue: core.advanceDueJobs, logger }));
      });
    },
    stop(options = {}) {
      stopping ??= (async () => {
        await core.drain(options.graceMs ?? drainGraceMs);
        await Promise.allSettled(workers.map((worker) => worker.stop()));
        if (overrides.db === undefined) await db.destroy();
      })();
      return stopping;
    },
  };
}
