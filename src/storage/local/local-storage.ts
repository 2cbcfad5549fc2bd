import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type Stats } from 'node:fs';
import { lstat, mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors/app-error.js';
import { checkKey, checkPrefix } from '../asset-keys.js';
import { encodeKeyPath } from '../encode-key.js';
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
import { type AssetGrant, signGrant, verifyGrant } from './asset-url-signature.js';
import { localFailure } from './local-errors.js';
import { pruneEmptyFolders, readSidecar, type Sidecar, unlinkIfPresent } from './local-files.js';
import { compareKeys, decodeCursor, encodeCursor, walkKeys } from './local-listing.js';
import { assertRealPathInside, moveInto, pathInside } from './local-paths.js';

export interface LocalStorageOptions {
  /** The folder holding everything: `objects/` (the bytes), `metadata/` (sidecars), `tmp/`. */
  root: string;
  /** Origin (and optional path) of the HTTP server that mounts the asset route at `/assets`. */
  publicBaseUrl: string;
  secret: string;
  now?: () => Date;
}

const maxListLimit = 1000;

export class LocalStorage implements StorageBackend {
  readonly kind = 'local' as const;
  readonly root: string;
  private readonly objectsRoot: string;
  private readonly metadataRoot: string;
  private readonly tmpRoot: string;
  private readonly publicBaseUrl: string;
  private readonly secret: string;
  readonly now: () => Date;

  constructor(options: LocalStorageOptions) {
    if (options.secret.length < 32) {
      throw new AppError('CONFIG_ERROR', 'the asset URL secret must be at least 32 characters');
    }
    this.root = path.resolve(options.root);
    this.objectsRoot = path.join(this.root, 'objects');
    this.metadataRoot = path.join(this.root, 'metadata');
    this.tmpRoot = path.join(this.root, 'tmp');
    this.publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, '');
    this.secret = options.secret;
    this.now = options.now ?? (() => new Date());
  }

  async put(params: PutParams): Promise<StoredObject> {
    const file = this.objectPath(params.key);
    const sidecarFile = this.sidecarPath(params.key);
    const contentType = checkContentType(params.contentType);
    const metadata = checkMetadata(params.metadata);
    await mkdir(this.tmpRoot, { recursive: true });
    const temp = path.join(this.tmpRoot, randomUUID());
    const hash = createHash('md5');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      const target = createWriteStream(`${temp}.data`, { flags: 'wx', flush: true });
      await pipeline(toReadable(params.body), counter, target, { signal: params.signal });
      if (params.contentLength !== undefined && params.contentLength !== size) {
        throw new AppError(
          'INVALID_INPUT',
          `the body was ${size} bytes, not the declared ${params.contentLength}`,
        );
      }
      const sidecar: Sidecar = { contentType, metadata, etag: hash.digest('hex'), size };
      await writeFile(`${temp}.json`, JSON.stringify(sidecar), { flag: 'wx', flush: true });
      // Sidecar first: a reader between the renames sees new metadata with old bytes, and its size
      // check then withholds the etag rather than pairing it with the wrong bytes.
      await moveInto(`${temp}.json`, sidecarFile, this.root, params.key);
      await moveInto(`${temp}.data`, file, this.root, params.key);
      const stats = await stat(file);
      return this.describe(params.key, stats, sidecar);
    } catch (error) {
      await rm(`${temp}.data`, { force: true });
      await rm(`${temp}.json`, { force: true });
      throw localFailure(error, params.key);
    }
  }

  /** The object, or with `range` (inclusive byte offsets within its size) only those bytes. */
  async get(
    key: string,
    signal?: AbortSignal,
    range?: { start: number; end: number },
  ): Promise<{ object: StoredObject; body: Readable }> {
    const file = this.objectPath(key);
    try {
      await assertRealPathInside(file, this.objectsRoot, key);
      const handle = await open(file, 'r');
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) throw new AppError('NOT_FOUND', `no object at key ${key}`);
        const object = await this.describe(key, stats);
        return { object, body: handle.createReadStream({ signal, ...range }) };
      } catch (error) {
        await handle.close();
        throw error;
      }
    } catch (error) {
      throw localFailure(error, key);
    }
  }

  async head(key: string): Promise<StoredObject | undefined> {
    const file = this.objectPath(key);
    try {
      const stats = await lstat(file);
      return stats.isFile() ? await this.describe(key, stats) : undefined;
    } catch (error) {
      const mapped = localFailure(error, key);
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
    const after = params.cursor === undefined ? undefined : decodeCursor(params.cursor);
    try {
      const directory = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      const keys = (await walkKeys(this.objectsRoot, directory))
        .filter((key) => key.startsWith(prefix) && (after === undefined || compareKeys(key, after) > 0))
        .sort(compareKeys);
      const page = keys.slice(0, limit);
      const objects: StoredObject[] = [];
      for (const key of page) {
        const object = await this.head(key);
        if (object !== undefined) objects.push(object);
      }
      const last = page.at(-1);
      return {
        objects,
        nextCursor: keys.length > limit && last !== undefined ? encodeCursor(last) : undefined,
      };
    } catch (error) {
      throw localFailure(error, prefix);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.objectPath(key);
    const sidecarFile = this.sidecarPath(key);
    try {
      await unlinkIfPresent(file);
      await unlinkIfPresent(sidecarFile);
      await pruneEmptyFolders(path.dirname(file), this.objectsRoot);
      await pruneEmptyFolders(path.dirname(sidecarFile), this.metadataRoot);
    } catch (error) {
      throw localFailure(error, key);
    }
  }

  async presignUpload(params: PresignUploadParams): Promise<PresignedRequest> {
    const contentType = checkContentType(params.contentType);
    return this.presign(
      'PUT',
      params.key,
      params.expiresInSeconds,
      checkMaxBytes(params.maxBytes),
      contentType,
    );
  }

  async presignDownload(params: { key: string; expiresInSeconds: number }): Promise<PresignedRequest> {
    return this.presign('GET', params.key, params.expiresInSeconds, undefined, undefined);
  }

  async cdnUrl(params: { key: string; expiresInSeconds: number }): Promise<string> {
    return (await this.presignDownload(params)).url;
  }

  /** Checks a request against its signed URL; throws FORBIDDEN with one message for every failure. */
  verifyRequest(
    method: string,
    key: string,
    query: URLSearchParams,
    contentType: string | undefined,
  ): AssetGrant {
    const refuse = () => new AppError('FORBIDDEN', 'the asset link is invalid or has expired');
    if (query.get('method') !== method || (method !== 'GET' && method !== 'PUT')) throw refuse();
    const expiresText = query.get('expires') ?? '';
    const maxBytesText = query.get('maxBytes');
    if (!/^\d{1,12}$/.test(expiresText) || (maxBytesText !== null && !/^\d{1,16}$/.test(maxBytesText)))
      throw refuse();
    const grant: AssetGrant = {
      method,
      key,
      expires: Number(expiresText),
      maxBytes: maxBytesText === null ? undefined : Number(maxBytesText),
      contentType: method === 'PUT' ? (contentType ?? '') : undefined,
    };
    if (!verifyGrant(this.secret, grant, query.get('signature') ?? '')) throw refuse();
    if (this.now().getTime() >= grant.expires * 1000) throw refuse();
    return grant;
  }

  private presign(
    method: 'GET' | 'PUT',
    key: string,
    expiresInSeconds: number,
    maxBytes: number | undefined,
    contentType: string | undefined,
  ): PresignedRequest {
    checkKey(key);
    const expires = Math.floor(this.now().getTime() / 1000) + checkExpiry(expiresInSeconds);
    const signature = signGrant(this.secret, { method, key, expires, maxBytes, contentType });
    const query = new URLSearchParams({ method, expires: String(expires) });
    if (maxBytes !== undefined) query.set('maxBytes', String(maxBytes));
    query.set('signature', signature);
    return {
      url: `${this.publicBaseUrl}/assets/${encodeKeyPath(key)}?${query.toString()}`,
      method,
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      expiresAt: new Date(expires * 1000),
    };
  }

  private objectPath(key: string): string {
    return pathInside(this.objectsRoot, key);
  }

  private sidecarPath(key: string): string {
    return pathInside(this.metadataRoot, key, '.json');
  }

  private async describe(key: string, stats: Stats, known?: Sidecar): Promise<StoredObject> {
    const sidecar = known ?? (await readSidecar(this.sidecarPath(key)));
    const matches = sidecar !== undefined && sidecar.size === stats.size;
    return {
      key,
      size: stats.size,
      contentType: sidecar?.contentType ?? 'application/octet-stream',
      metadata: { ...(sidecar?.metadata ?? {}) },
      lastModified: stats.mtime,
      etag: matches ? sidecar.etag : undefined,
    };
  }
}
