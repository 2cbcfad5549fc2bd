import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl as signCloudFrontUrl } from '@aws-sdk/cloudfront-signer';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
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
import { mapS3Error } from './s3-errors.js';

export interface S3StorageOptions {
  client: S3Client;
  bucket: string;
  /** `S3_PREFIX`: applied to every object key, stripped from list results. */
  prefix: string;
  cloudFront?: { domain: string; keyPairId?: string; privateKey?: string };
  now?: () => Date;
  /** Multipart part size; memory in flight is about (queueSize + 1) × partSize. */
  partSizeBytes?: number;
  queueSize?: number;
}

const maxListLimit = 1000;
const headConcurrency = 8;

export class S3Storage implements StorageBackend {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly cloudFront: S3StorageOptions['cloudFront'];
  private readonly now: () => Date;
  private readonly partSize: number;
  private readonly queueSize: number;

  constructor(options: S3StorageOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = normalizePrefix(options.prefix);
    this.cloudFront = options.cloudFront;
    this.now = options.now ?? (() => new Date());
    // 8 MiB parts, two in flight: ~24 MiB per upload whatever the file size (S3's floor is 5 MiB).
    this.partSize = Math.max(5 * 1024 * 1024, options.partSizeBytes ?? 8 * 1024 * 1024);
    this.queueSize = Math.max(1, options.queueSize ?? 2);
  }

  async put(params: PutParams): Promise<StoredObject> {
    const Key = this.objectKey(params.key);
    const contentType = checkContentType(params.contentType);
    const metadata = checkMetadata(params.metadata);
    const base = { Bucket: this.bucket, Key, ContentType: contentType, Metadata: metadata };
    try {
      let size: number;
      let etag: string | undefined;
      if (params.body instanceof Uint8Array) {
        size = params.body.byteLength;
        checkDeclaredLength(params.contentLength, size);
        const command = new PutObjectCommand({ ...base, Body: params.body, ContentLength: size });
        etag = (await this.client.send(command, { abortSignal: params.signal })).ETag;
      } else {
        if (params.signal?.aborted) throw new AppError('CANCELLED', 'the storage operation was cancelled');
        const counter = countingStream(params.contentLength);
        // pipeline, not pipe: a failing source must fail the upload, not stall it.
        pipeline(toReadable(params.body), counter, () => {});
        const upload = new Upload({
          client: this.client,
          params: { ...base, Body: counter },
          partSize: this.partSize,
          queueSize: this.queueSize,
          leavePartsOnError: false,
        });
        const abort = () => void upload.abort();
        params.signal?.addEventListener('abort', abort, { once: true });
        try {
          etag = (await upload.done()).ETag;
        } finally {
          params.signal?.removeEventListener('abort', abort);
        }
        size = counter.bytes;
      }
      return { key: params.key, size, contentType, metadata, lastModified: this.now(), etag: unquote(etag) };
    } catch (error) {
      throw mapS3Error(error, params.key);
    }
  }

  async get(key: string, signal?: AbortSignal): Promise<{ object: StoredObject; body: Readable }> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    try {
      const output = await this.client.send(command, { abortSignal: signal });
      const object = this.describe(key, output);
      return { object, body: output.Body as Readable };
    } catch (error) {
      throw mapS3Error(error, key);
    }
  }

  async head(key: string): Promise<StoredObject | undefined> {
    const command = new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    try {
      return this.describe(key, await this.client.send(command));
    } catch (error) {
      const mapped = mapS3Error(error, key);
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
    const command = new ListObjectsV2Command({
      Bucket: this.bucket,
      Prefix: this.prefix + prefix,
      MaxKeys: limit,
      ContinuationToken: params.cursor,
    });
    try {
      const output = await this.client.send(command);
      const keys = (output.Contents ?? []).flatMap((item) =>
        item.Key?.startsWith(this.prefix) ? [item.Key.slice(this.prefix.length)] : [],
      );
      // Listings carry no content type or metadata; a HEAD each fills them in, a few at a time.
      const objects = await mapInBatches(keys, headConcurrency, (key) => this.head(key));
      return {
        objects: objects.filter((object): object is StoredObject => object !== undefined),
        nextCursor: output.IsTruncated ? output.NextContinuationToken : undefined,
      };
    } catch (error) {
      throw mapS3Error(error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      throw mapS3Error(error, key);
    }
  }

  /** S3 cannot enforce maxBytes on a presigned PUT (only POST policies can); it is checked for shape only. */
  async presignUpload(params: PresignUploadParams): Promise<PresignedRequest> {
    checkMaxBytes(params.maxBytes);
    const contentType = checkContentType(params.contentType);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(params.key),
      ContentType: contentType,
    });
    return this.presign(command, 'PUT', params.expiresInSeconds, { 'content-type': contentType });
  }

  async presignDownload(params: { key: string; expiresInSeconds: number }): Promise<PresignedRequest> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(params.key) });
    return this.presign(command, 'GET', params.expiresInSeconds, {});
  }

  async cdnUrl(params: { key: string; expiresInSeconds: number }): Promise<string> {
    const key = this.objectKey(params.key);
    const expiresInSeconds = checkExpiry(params.expiresInSeconds);
    if (this.cloudFront === undefined) return (await this.presignDownload(params)).url;
    const { domain, keyPairId, privateKey } = this.cloudFront;
    // The distribution's origin is the bucket, so the path is the full object key, prefix included.
    const url = `https://${domain}/${encodeKeyPath(key)}`;
    if (keyPairId === undefined || privateKey === undefined) return url;
    const dateLessThan = new Date(this.now().getTime() + expiresInSeconds * 1000);
    return signCloudFrontUrl({ url, keyPairId, privateKey, dateLessThan });
  }

  private async presign(
    command: PutObjectCommand | GetObjectCommand,
    method: 'GET' | 'PUT',
    expiresInSeconds: number,
    headers: Record<string, string>,
  ): Promise<PresignedRequest> {
    const expiresIn = checkExpiry(expiresInSeconds);
    const signingDate = this.now();
    try {
      const url = await getSignedUrl(this.client, command, {
        expiresIn,
        signingDate,
        signableHeaders: new Set(Object.keys(headers)),
      });
      return { url, method, headers, expiresAt: new Date(signingDate.getTime() + expiresIn * 1000) };
    } catch (error) {
      throw mapS3Error(error, command.input.Key);
    }
  }

  private objectKey(key: string): string {
    return this.prefix + checkKey(key);
  }

  private describe(
    key: string,
    output: {
      ContentLength?: number;
      ContentType?: string;
      Metadata?: Record<string, string>;
      LastModified?: Date;
      ETag?: string;
    },
  ): StoredObject {
    return {
      key,
      size: output.ContentLength ?? 0,
      contentType: output.ContentType ?? 'application/octet-stream',
      metadata: { ...(output.Metadata ?? {}) },
      lastModified: output.LastModified ?? this.now(),
      etag: unquote(output.ETag),
    };
  }
}

function unquote(etag: string | undefined): string | undefined {
  return etag?.replace(/^"|"$/g, '');
}

function checkDeclaredLength(declared: number | undefined, actual: number): void {
  if (declared !== undefined && declared !== actual) {
    throw new AppError('INVALID_INPUT', `the body was ${actual} bytes, not the declared ${declared}`);
  }
}

/** Counts bytes on the way to the uploader and fails the stream if it disagrees with a declared length. */
function countingStream(declared: number | undefined): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.bytes += chunk.length;
      if (declared !== undefined && counter.bytes > declared) {
        done(new AppError('INVALID_INPUT', `the body is longer than the declared ${declared} bytes`));
        return;
      }
      done(null, chunk);
    },
    flush(done) {
      if (declared !== undefined && counter.bytes !== declared) {
        done(
          new AppError('INVALID_INPUT', `the body was ${counter.bytes} bytes, not the declared ${declared}`),
        );
        return;
      }
      done();
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

async function mapInBatches<T, R>(items: T[], size: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(map))));
  }
  return results;
}
