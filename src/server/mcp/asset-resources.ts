import type { ReadResourceResult, Resource } from '@modelcontextprotocol/server';
import { assetUri } from '../../core/asset-view.js';
import type { AssetEntry } from '../../core/assets.js';
import type { Caller } from '../../core/caller.js';
import type { Core } from '../../core/create-core.js';
import type { ReadPolicy } from '../../core/read-policy.js';
import { AppError } from '../../errors/app-error.js';

const pageSize = 50;

function describe(asset: AssetEntry): Resource {
  return {
    uri: assetUri(asset.assetId),
    name: `${asset.kind}-${asset.assetId}`,
    title:
      asset.prompt === null
        ? `${asset.kind} ${asset.assetId}`
        : `${asset.kind}: ${asset.prompt.slice(0, 80)}`,
    mimeType: asset.mimeType,
    size: asset.bytes,
    description: `${asset.kind} made ${asset.createdAt}${asset.modelId ? ` with ${asset.modelId}` : ''}`,
  };
}

/** `resources/list`: the caller's assets as MCP resources. */
export async function listAssetResources(core: Core, caller: Caller, cursor: string | undefined) {
  const page = await core.listAssetEntries(caller, { limit: pageSize, cursor });
  return {
    resources: page.assets.map(describe),
    ...(page.nextCursor === null ? {} : { nextCursor: page.nextCursor }),
  };
}

/**
 * `resources/read` of `asset://{id}`: small assets inline, large ones as their URL;
 * `asset://{id}?bytes=true` asks for the bytes of a large one (within the server's hard limit).
 */
export async function readAssetResource(
  core: Core,
  caller: Caller,
  uri: string,
  policy?: ReadPolicy,
): Promise<ReadResourceResult> {
  const match = /^asset:\/\/([0-9a-f-]{36})(\?bytes=(?:true|1))?$/i.exec(uri);
  if (match?.[1] === undefined) throw new AppError('NOT_FOUND', `no asset ${uri.slice(0, 100)}`);
  const { asset, content } = await core.readAsset(caller, match[1], {
    wantBytes: match[2] !== undefined,
    ...(policy === undefined ? {} : { policy }),
  });
  if ('url' in content) {
    return {
      contents: [
        {
          uri,
          mimeType: 'application/json',
          text: JSON.stringify({ url: content.url, bytes: asset.bytes, mimeType: asset.mimeType }),
        },
      ],
    };
  }
  // A view, not a copy: a large asset is held once before its base64 text.
  const bytes = Buffer.from(content.bytes.buffer, content.bytes.byteOffset, content.bytes.byteLength);
  if (asset.mimeType.startsWith('text/') || asset.mimeType === 'application/json') {
    return { contents: [{ uri, mimeType: asset.mimeType, text: bytes.toString('utf8') }] };
  }
  return { contents: [{ uri, mimeType: asset.mimeType, blob: bytes.toString('base64') }] };
}
