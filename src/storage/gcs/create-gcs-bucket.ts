import { type Bucket, Storage } from '@google-cloud/storage';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';
import { readGoogleCredentials } from './service-account-file.js';

/** Builds the bucket handle from Config; without a credentials file the SDK's own chain applies. */
export function createGcsBucket(config: Config): Bucket {
  const gcs = config.storage.gcs;
  if (gcs === undefined) throw new AppError('CONFIG_ERROR', 'GCS_BUCKET is not set. Fix: set GCS_BUCKET');
  const emulator = gcs.emulatorHost;
  const storage = new Storage({
    projectId: gcs.projectId,
    ...(gcs.credentialsFile === undefined ? {} : { credentials: readGoogleCredentials(gcs.credentialsFile) }),
    apiEndpoint:
      emulator === undefined ? undefined : /^https?:\/\//.test(emulator) ? emulator : `http://${emulator}`,
    // Retries live in withRetries alone.
    retryOptions: { autoRetry: false, maxRetries: 0 },
  });
  return storage.bucket(gcs.bucket);
}
