import type { Readable } from 'node:stream';

/** The storage port: every backend (local, S3, GCS) has exactly these signatures. */
export type StorageBody = Uint8Array | Readable | ReadableStream<Uint8Array>;

export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: Date;
  etag: string | undefined;
}

export interface PutParams {
  key: string;
  body: StorageBody;
  contentType: string;
  metadata?: Record<string, string>;
  /** Known length, when the caller has it (lets backends skip buffering). */
  contentLength?: number;
  signal?: AbortSignal;
}

export interface ListParams {
  prefix?: string;
  limit?: number;
  cursor?: string;
}

export interface ListResult {
  objects: StoredObject[];
  nextCursor: string | undefined;
}

export interface PresignUploadParams {
  key: string;
  contentType: string;
  expiresInSeconds: number;
  /** Enforced where the backend can (local, GCS via x-goog-content-length-range); documented otherwise. */
  maxBytes?: number;
}

export interface PresignedRequest {
  url: string;
  method: 'GET' | 'PUT';
  /** Headers the caller must send with the request for the signature to hold. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface StorageBackend {
  readonly kind: 'local' | 's3' | 'gcs';
  put(params: PutParams): Promise<StoredObject>;
  /** Throws AppError NOT_FOUND when absent. */
  get(key: string, signal?: AbortSignal): Promise<{ object: StoredObject; body: Readable }>;
  head(key: string): Promise<StoredObject | undefined>;
  exists(key: string): Promise<boolean>;
  list(params: ListParams): Promise<ListResult>;
  /** Deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  presignUpload(params: PresignUploadParams): Promise<PresignedRequest>;
  presignDownload(params: { key: string; expiresInSeconds: number }): Promise<PresignedRequest>;
  /** The URL to hand a user: CDN (signed when configured) or a presigned download. */
  cdnUrl(params: { key: string; expiresInSeconds: number }): Promise<string>;
}
