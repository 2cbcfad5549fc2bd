import { decodeAssetCursor, findOwnedAsset, listAssets as listAssetRows } from '../db/repositories/assets.js';
import type { Asset, AssetKind } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { type AssetView, assetLinkExpirySeconds, viewAsset } from './asset-view.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

/** Bytes up to this size may travel inline; larger assets answer with their URL. */
export const inlineLimitBytes = 8 * 1024 * 1024;

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
  const asset = /^[0-9a-f-]{36}$/i.test(assetId)
    ? await findOwnedAsset(deps.db, caller.userId, assetId)
    : undefined;
  if (asset === undefined) throw new AppError('NOT_FOUND', `no asset ${assetId} of yours`);
  return asset;
}

export async function readStoredBytes(
  storage: StorageBackend,
  key: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const { body } = await storage.get(key, signal);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

/** An asset's bytes when small enough to travel inline, else a download URL. */
export async function readAsset(
  deps: AssetDeps,
  caller: Caller,
  assetId: string,
): Promise<{ asset: AssetEntry; content: AssetContent }> {
  const asset = await findAsset(deps, caller, assetId);
  const storage = await deps.storage();
  if (asset.bytes > inlineLimitBytes) {
    const url = await storage.cdnUrl({ key: asset.storage_key, expiresInSeconds: assetLinkExpirySeconds });
    return { asset: entryOf(asset), content: { url } };
  }
  return {
    asset: entryOf(asset),
    content: { bytes: await readStoredBytes(storage, asset.storage_key, caller.signal) },
  };
}
