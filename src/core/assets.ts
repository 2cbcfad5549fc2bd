import { limitDefaults } from '../config/limit-defaults.js';
import { decodeAssetCursor, findOwnedAsset, listAssets as listAssetRows } from '../db/repositories/assets.js';
import type { Asset, AssetKind } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { type AssetView, assetLinkExpirySeconds, viewAsset } from './asset-view.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { isUuid } from './ids.js';
import { createReadPolicy, type ReadPolicy } from './read-policy.js';

/** For callers that bring no policy of their own (tests, one-off tools): the documented defaults. */
const defaultReadPolicy = createReadPolicy(limitDefaults.mcp);

export interface AssetPageQuery {
  kind?: AssetKind | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** What is known of an asset without its bytes. */
export interface AssetEntry {
  assetId: string;
  kind: AssetKind;
  mimeType: string;
  bytes: number;
  prompt: string | null;
  modelId: string | null;
  createdAt: string;
}

export type AssetContent = { bytes: Uint8Array } | { url: string };

type AssetDeps = Pick<CoreDeps, 'db' | 'storage'>;

function entryOf(asset: Asset): AssetEntry {
  return {
    assetId: asset.id,
    kind: asset.kind,
    mimeType: asset.mime_type,
    bytes: asset.bytes,
    prompt: asset.prompt,
    modelId: asset.model_id,
    createdAt: new Date(asset.created_at).toISOString(),
  };
}

async function page(deps: AssetDeps, caller: Caller, query: AssetPageQuery) {
  const cursor = query.cursor === undefined ? undefined : decodeAssetCursor(query.cursor);
  if (query.cursor !== undefined && cursor === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      'cursor: not a cursor this server gave; pass nextCursor from a previous answer',
    );
  }
  return listAssetRows(deps.db, {
    userId: caller.userId,
    limit: query.limit,
    ...(query.kind === undefined ? {} : { kind: query.kind }),
    ...(cursor === undefined ? {} : { cursor }),
  });
}

/** The caller's assets, newest first, with time-limited download URLs. */
export async function listAssets(
  deps: AssetDeps,
  caller: Caller,
  query: AssetPageQuery,
): Promise<{ assets: AssetView[]; nextCursor: string | null }> {
  const { assets, nextCursor } = await page(deps, caller, query);
  const storage = await deps.storage();
  return {
    assets: await Promise.all(assets.map((asset) => viewAsset(storage, asset))),
    nextCursor: nextCursor ?? null,
  };
}

/** The caller's assets without URLs (an MCP resource list needs no links). */
export async function listAssetEntries(
  deps: AssetDeps,
  caller: Caller,
  query: AssetPageQuery,
): Promise<{ assets: AssetEntry[]; nextCursor: string | null }> {
  const { assets, nextCursor } = await page(deps, caller, query);
  return { assets: assets.map(entryOf), nextCursor: nextCursor ?? null };
}

/** One of the caller's assets; another user's is indistinguishable from a missing one. */
export async function findAsset(deps: Pick<CoreDeps, 'db'>, caller: Caller, assetId: string): Promise<Asset> {
  const asset = isUuid(assetId) ? await findOwnedAsset(deps.db, caller.userId, assetId) : undefined;
  if (asset === undefined) throw new AppError('NOT_FOUND', `no asset ${assetId} of yours`);
  return asset;
}

/**
 * A stored object's bytes. With its size known, they go straight into one buffer of that size
 * (no second copy to join chunks), and an object larger than said is refused.
 */
export async function readStoredBytes(
  storage: StorageBackend,
  key: string,
  signal?: AbortSignal,
  expectedBytes?: number,
): Promise<Uint8Array> {
  const { body } = await storage.get(key, signal);
  if (expectedBytes === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return new Uint8Array(Buffer.concat(chunks));
  }
  const bytes = new Uint8Array(expectedBytes);
  let filled = 0;
  for await (const chunk of body) {
    const part = chunk as Uint8Array;
    if (filled + part.length > expectedBytes)
      throw new AppError('INTERNAL', `stored object ${key} is larger than its record says`);
    bytes.set(part, filled);
    filled += part.length;
  }
  return filled === expectedBytes ? bytes : bytes.subarray(0, filled);
}

export interface ReadAssetOptions {
  /** The client asked for the bytes even above the inline limit (never above `readMaxBytes`). */
  wantBytes?: boolean;
  policy?: ReadPolicy;
}

/**
 * An asset's bytes when small enough to travel inline (or asked for and within the hard limit),
 * else a download URL. Large reads take a slot of the policy's gate, so few hold bytes at once.
 */
export async function readAsset(
  deps: AssetDeps,
  caller: Caller,
  assetId: string,
  options: ReadAssetOptions = {},
): Promise<{ asset: AssetEntry; content: AssetContent }> {
  const policy = options.policy ?? defaultReadPolicy;
  const asset = await findAsset(deps, caller, assetId);
  const storage = await deps.storage();
  const inline =
    asset.bytes <= policy.inlineMaxBytes ||
    (options.wantBytes === true && asset.bytes <= policy.readMaxBytes);
  if (!inline) {
    const url = await storage.cdnUrl({ key: asset.storage_key, expiresInSeconds: assetLinkExpirySeconds });
    return { asset: entryOf(asset), content: { url } };
  }
  const read = () => readStoredBytes(storage, asset.storage_key, caller.signal, asset.bytes);
  const bytes =
    asset.bytes <= policy.inlineMaxBytes ? await read() : await policy.largeReads.run(read, caller.signal);
  return { asset: entryOf(asset), content: { bytes } };
}
