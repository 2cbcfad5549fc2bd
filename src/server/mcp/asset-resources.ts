import type { ReadResourceResult, Resource } from '@modelcontextprotocol/sdk/types.js';
import type { Services } from '../../app/services.js';
import { assetUri } from '../../assets/asset-view.js';
import { decodeAssetCursor, findOwnedAsset, listAssets } from '../../db/repositories/assets.js';
import type { Asset, User } from '../../db/tables.js';
import { AppError } from '../../errors/app-error.js';

/** Bytes up to this size travel inline in `resources/read`; larger assets answer with their URL. */
const inlineLimitBytes = 8 * 1024 * 1024;
const pageSize = 50;

function describe(asset: Asset): Resource {
  return {
    uri: assetUri(asset.id),
    name: `${asset.kind}-${asset.id}`,
    title:
      asset.prompt === null ? `${asset.kind} ${asset.id}` : `${asset.kind}: ${asset.prompt.slice(0, 80)}`,
    mimeType: asset.mime_type,
    size: asset.bytes,
    description: `${asset.kind} made ${new Date(asset.created_at).toISOString()}${asset.model_id ? ` with ${asset.model_id}` : ''}`,
  };
}

export async function listAssetResources(services: Services, user: User, cursor: string | undefined) {
  const decoded = cursor === undefined ? undefined : decodeAssetCursor(cursor);
  if (cursor !== undefined && decoded === undefined)
    throw new AppError('INVALID_INPUT', 'cursor is not one this server gave');
  const page = await listAssets(services.db, {
    userId: user.id,
    limit: pageSize,
    ...(decoded ? { cursor: decoded } : {}),
  });
  return {
    resources: page.assets.map(describe),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

export async function readAssetResource(
  services: Services,
  user: User,
  uri: string,
): Promise<ReadResourceResult> {
  const match = /^asset:\/\/([0-9a-f-]{36})$/i.exec(uri);
  const asset = match?.[1] === undefined ? undefined : await findOwnedAsset(services.db, user.id, match[1]);
  if (asset === undefined) throw new AppError('NOT_FOUND', `no asset ${uri}`);
  const storage = await services.storage();
  if (asset.bytes > inlineLimitBytes) {
    const url = await storage.cdnUrl({ key: asset.storage_key, expiresInSeconds: 3600 });
    return {
      contents: [
        {
          uri,
          mimeType: 'application/json',
          text: JSON.stringify({ url, bytes: asset.bytes, mimeType: asset.mime_type }),
        },
      ],
    };
  }
  const { body } = await storage.get(asset.storage_key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  const bytes = Buffer.concat(chunks);
  if (asset.mime_type.startsWith('text/') || asset.mime_type === 'application/json') {
    return { contents: [{ uri, mimeType: asset.mime_type, text: bytes.toString('utf8') }] };
  }
  return { contents: [{ uri, mimeType: asset.mime_type, blob: bytes.toString('base64') }] };
}
