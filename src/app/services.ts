import type { Config } from '../config/config.js';
import { CreditLedger } from '../credits/ledger.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { ModelRegistry } from '../providers/model-registry.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { openMigratedDatabase } from './open-database.js';
import { publicBaseUrl } from './public-base-url.js';
import { RateLimiter } from './rate-limiter.js';

/** Everything a request needs. Built once by `createServices`, the composition root. */
export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  ledger: CreditLedger;
  rateLimiter: RateLimiter;
  /** Storage and the model registry load their SDKs on first use, off the start-up path. */
  storage(): Promise<StorageBackend>;
  registry(): Promise<ModelRegistry>;
  /** Where presigned local links and the web page point. */
  baseUrl: string;
  close(): Promise<void>;
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

export interface ServiceOverrides {
  db?: Database;
  storage?: StorageBackend;
  registry?: ModelRegistry;
  port?: number;
}

export async function createServices(
  config: Config,
  logger: Logger,
  overrides: ServiceOverrides = {},
): Promise<Services> {
  const db = overrides.db ?? (await openMigratedDatabase(config));
  const ledger = new CreditLedger({ db, holdTtlSeconds: config.credits.holdTtlSeconds });
  const baseUrl = publicBaseUrl(config, overrides.port);
  const storage = once(async () => {
    if (overrides.storage !== undefined) return overrides.storage;
    const { createStorage } = await import('../storage/create-storage.js');
    return createStorage(config, { publicBaseUrl: baseUrl });
  });
  const registry = once(async () => {
    if (overrides.registry !== undefined) return overrides.registry;
    const { createModelRegistry } = await import('../providers/model-registry.js');
    return createModelRegistry({ config, logger });
  });
  return {
    config,
    logger,
    db,
    ledger,
    rateLimiter: new RateLimiter(config.rateLimits),
    storage,
    registry,
    baseUrl,
    close: async () => {
      if (overrides.db === undefined) await db.destroy();
    },
  };
}
