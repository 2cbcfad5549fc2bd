import { z } from 'zod';
import type { Asset } from '../db/tables.js';
import type { StorageBackend } from '../storage/storage-backend.js';

export const assetViewSchema = z.object({
  assetId: z.string(),
  uri: z.string().describe('asset:// URI, readable with resources/read'),
  url: z.string().describe('presigned or CDN URL, valid for about an hour'),
  kind: z.enum(['image', 'video', 'text', 'upload']),
  mimeType: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int(),
  createdAt: z.string(),
});

export type AssetView = z.infer<typeof assetViewSchema>;

export const assetLinkExpirySeconds = 3600;

export function assetUri(assetId: string): string {
  return `asset://${assetId}`;
}

export async function viewAsset(storage: StorageBackend, asset: Asset): Promise<AssetView> {
  return {
    assetId: asset.id,
    uri: assetUri(asset.id),
    url: await storage.cdnUrl({ key: asset.storage_key, expiresInSeconds: assetLinkExpirySeconds }),
    kind: asset.kind,
    mimeType: asset.mime_type,
    width: asset.width,
    height: asset.height,
    bytes: asset.bytes,
    createdAt: new Date(asset.created_at).toISOString(),
  };
}

export function assetLink(view: AssetView, description?: string) {
  return {
    uri: view.uri,
    name: `${view.kind}-${view.assetId}`,
    mimeType: view.mimeType,
    ...(description === undefined ? {} : { description }),
  };
}
