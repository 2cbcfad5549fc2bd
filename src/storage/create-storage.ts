import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { loadAssetUrlSecret } from './local/asset-url-secret.js';
import { LocalStorage } from './local/local-storage.js';
import type { StorageBackend } from './storage-backend.js';
import { RetryingStorage, type RetryOptions, withRetries } from './with-retries.js';

export interface CreateStorageOptions {
  /** Where the HTTP server is reachable; local presigned URLs point at `${publicBaseUrl}/assets/…`. */
  publicBaseUrl: string;
  /** Overrides the asset URL secret (tests); otherwise config, else `${home}/asset-url-secret`. */
  secret?: string;
  retry?: RetryOptions;
}

/** Picks the backend from `STORAGE_BACKEND`; SDK-backed ones load lazily to keep start-up light. */
export async function createStorage(config: Config, options: CreateStorageOptions): Promise<StorageBackend> {
  return withRetries(await createBackend(config, options), options.retry);
}

async function createBackend(config: Config, options: CreateStorageOptions): Promise<StorageBackend> {
  switch (config.storage.backend) {
    case 'local': {
      const secret = options.secret ?? (await loadAssetUrlSecret(config.assetUrlSecret, config.home));
      return new LocalStorage({
        root: path.join(config.home, 'assets'),
        publicBaseUrl: options.publicBaseUrl,
        secret,
      });
    }
    case 's3': {
      const s3 = config.storage.s3;
      if (s3 === undefined) throw new AppError('CONFIG_ERROR', 'S3_BUCKET is not set. Fix: set S3_BUCKET');
      const [{ createS3Client }, { S3Storage }] = await Promise.all([
        import('./s3/create-s3-client.js'),
        import('./s3/s3-storage.js'),
      ]);
      return new S3Storage({
        client: createS3Client(config),
        bucket: s3.bucket,
        prefix: s3.prefix,
        cloudFront: await cloudFrontOptions(config),
      });
    }
    case 'gcs': {
      const gcs = config.storage.gcs;
      if (gcs === undefined) throw new AppError('CONFIG_ERROR', 'GCS_BUCKET is not set. Fix: set GCS_BUCKET');
      const [{ createGcsBucket }, { GcsStorage }] = await Promise.all([
        import('./gcs/create-gcs-bucket.js'),
        import('./gcs/gcs-storage.js'),
      ]);
      return new GcsStorage({
        bucket: createGcsBucket(config),
        prefix: gcs.prefix,
        cdnBaseUrl: gcs.cdnBaseUrl,
      });
    }
  }
}

async function cloudFrontOptions(config: Config) {
  const cloudFront = config.storage.cloudFront;
  if (cloudFront === undefined) return undefined;
  let privateKey = cloudFront.privateKey;
  if (privateKey === undefined && cloudFront.privateKeyFile !== undefined) {
    try {
      privateKey = await readFile(cloudFront.privateKeyFile, 'utf8');
    } catch (cause) {
      throw new AppError(
        'CONFIG_ERROR',
        `cannot read CLOUDFRONT_PRIVATE_KEY_FILE (${cloudFront.privateKeyFile}). Fix: point it at a readable PEM file`,
        { cause },
      );
    }
  }
  return { domain: cloudFront.domain, keyPairId: cloudFront.keyPairId, privateKey };
}

/** The local backend behind any wrapper, for mounting its `/assets` route; undefined for cloud backends. */
export function unwrapLocalStorage(storage: StorageBackend): LocalStorage | undefined {
  if (storage instanceof LocalStorage) return storage;
  if (storage instanceof RetryingStorage) return unwrapLocalStorage(storage.inner);
  return undefined;
}
