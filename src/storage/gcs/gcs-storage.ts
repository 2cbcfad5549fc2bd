import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Bucket, FileMetadata } from '@google-cloud/storage';
import { AppError } from '../../errors/app-error.js';
import { checkKey, checkPrefix } from '../asset-keys.js';
import { encodeKeyPath } from '../encode-key.js';
import { normalizePrefix } from '../object-prefix.js';
import {
  checkContentType,
  checkExpiry,
  checkLimit,
  checkMaxBytes,
  checkMetadata,
  toReadable,
} from '../put-checks.js';
import type {
  ListParams,
  ListResult,
  PresignedRequest,
  PresignUploadParams,
  PutParams,
  StorageBackend,
  StoredObject,
} from '../storage-backend.js';
import { mapGcsError } from './gcs-errors.js';

export interface GcsStorageOptions {
  bucket: Bucket;
  /** `GCS_PREFIX`: applied to every object name, stripped from list results. */
  prefix: string;
  /** `GCS_CDN_BASE_URL`: e.g. https://cdn.example.com, a load balancer with Cloud CDN before the bucket. */
  cdnBaseUrl?: string;
  now?: () => Date;
}

const maxListLimit = 1000;

export class GcsStorage implements StorageBackend {
  readonly kind = 'gcs' as const;
  private readonly bucket: Bucket;
  private readonly prefix: string;
  private readonly cdnBaseUrl: string | undefined;
  private readonly now: () => Date;

  constructor(options: GcsStorageOptions) {
    this.bucket = options.bucket;
    this.prefix = normalizePrefix(options.prefix);
    this.cdnBaseUrl = options.cdnBaseUrl?.replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
  }

  async put(params: PutParams): Promise<StoredObject> {
    const file = this.bucket.file(this.objectName(params.key));
    const contentType = checkContentType(params.contentType);
    const metadata = checkMetadata(params.metadata);
    // Small byte arrays go in one multipart request; streams use a resumable session, never buffered whole.
    const resumable = !(params.body instanceof Uint8Array);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const target = file.createWriteStream({
        resumable,
        contentType,
        metadata: { metadata },
        validation: 'crc32c',
      });
      await pipeline(toReadable(params.body), counter, target, { signal: params.signal });
      if (params.contentLength !== undefined && params.contentLength !== size) {
        await file.delete({ ignoreNotFound: true });
        throw new AppError(
          'INVALID_INPUT',
          `the body was ${size} bytes, not the declared ${params.contentLength}`,
        );
      }
      return this.describe(params.key, file.metadata);
    } catch (error) {
      throw mapGcsError(error, params.key);
    }
  }

  async get(key: string, signal?: AbortSignal): Promise<{ object: StoredObject; body: Readable }> {
    const name = this.objectName(key);
    try {
      const [resource] = await this.bucket.file(name).getMetadata();
      // Read the generation just described, so the bytes match the metadata returned with them.
      const generation = resource.generation === undefined ? undefined : Number(resource.generation);
      const body = this.bucket.file(name, { generation }).createReadStream({ validation: 'crc32c' });
      signal?.addEventListener('abort', () => body.destroy(signal.reason), { once: true });
      return { object: this.describe(key, resource), body };
    } catch (error) {
      throw mapGcsError(error, key);
    }
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const [resource] = await this.bucket.file(this.objectName(key)).getMetadata();
      return this.describe(key, resource);
    } catch (error) {
      const mapped = mapGcsError(error, key);
      if (mapped.code === 'NOT_FOUND') return undefined;
      throw mapped;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== undefined;
  }

  async list(params: ListParams): Promise<ListResult> {
    const prefix = checkPrefix(params.prefix ?? '');
    const limit = checkLimit(params.limit, maxListLimit, maxListLimit);
    try {
      const [files, nextQuery] = await this.bucket.getFiles({
        prefix: this.prefix + prefix,
        maxResults: limit,
        pageToken: params.cursor,
        autoPaginate: false,
      });
      const objects = files
        .filter((file) => file.name.startsWith(this.prefix))
        .map((file) => this.describe(file.name.slice(this.prefix.length), file.metadata));
      const pageToken = (nextQuery as { pageToken?: string } | null | undefined)?.pageToken;
      return { objects, nextCursor: pageToken };
    } catch (error) {
      throw mapGcsError(error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.bucket.file(this.objectName(key)).delete({ ignoreNotFound: true });
    } catch (error) {
      throw mapGcsError(error, key);
    }
  }

  /** maxBytes becomes a signed `x-goog-content-length-range` header, which GCS enforces. */
  async presignUpload(params: PresignUploadParams): Promise<PresignedRequest> {
    const contentType = checkContentType(params.contentType);
    const maxBytes = checkMaxBytes(params.maxBytes);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (maxBytes !== undefined) headers['x-goog-content-length-range'] = `0,${maxBytes}`;
    const extensionHeaders =
      maxBytes === undefined ? undefined : { 'x-goog-content-length-range': `0,${maxBytes}` };
    return this.sign(params.key, 'write', params.expiresInSeconds, headers, {
      contentType,
      extensionHeaders,
    });
  }

  async presignDownload(params: { key: string; expiresInSeconds: number }): Promise<PresignedRequest> {
    return this.sign(params.key, 'read', params.expiresInSeconds, {}, {});
  }

  async cdnUrl(params: { key: string; expiresInSeconds: number }): Promise<string> {
    const name = this.objectName(params.key);
    checkExpiry(params.expiresInSeconds);
    if (this.cdnBaseUrl === undefined) return (await this.presignDownload(params)).url;
    return `${this.cdnBaseUrl}/${encodeKeyPath(name)}`;
  }

  private async sign(
    key: string,
    action: 'read' | 'write',
    expiresInSeconds: number,
    headers: Record<string, string>,
    extra: { contentType?: string; extensionHeaders?: Record<string, string> | undefined },
  ): Promise<PresignedRequest> {
    const file = this.bucket.file(this.objectName(key));
    const accessibleAt = this.now();
    const expires = new Date(accessibleAt.getTime() + checkExpiry(expiresInSeconds) * 1000);
    try {
      const [url] = await file.getSignedUrl({ version: 'v4', action, expires, accessibleAt, ...extra });
      return { url, method: action === 'read' ? 'GET' : 'PUT', headers, expiresAt: expires };
    } catch (error) {
      throw mapGcsError(error, key);
    }
  }

  private objectName(key: string): string {
    return this.prefix + checkKey(key);
  }

  private describe(key: string, resource: FileMetadata): StoredObject {
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(resource.metadata ?? {})) {
      if (value !== null && value !== undefined) metadata[name] = String(value);
    }
    return {
      key,
      size: Number(resource.size ?? 0),
      contentType: resource.contentType ?? 'application/octet-stream',
      metadata,
      lastModified: resource.updated === undefined ? this.now() : new Date(resource.updated),
      etag: resource.etag,
    };
  }
}
