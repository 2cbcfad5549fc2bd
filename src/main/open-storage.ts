import type { Config } from '../config/config.js';
import { createStorage } from '../storage/create-storage.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { publicBaseUrl } from './public-base-url.js';

/** The configured storage backend alone, for `adengine storage` (no database needed). */
export function openStorage(config: Config): Promise<StorageBackend> {
  return createStorage(config, { publicBaseUrl: publicBaseUrl(config) });
}
