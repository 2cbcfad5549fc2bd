import type { Database } from '../database.js';
import type { Asset, AssetKind, NewAsset } from '../tables.js';

export async function insertAsset(db: Database, asset: NewAsset): Promise<Asset> {
  return db.insertInto('assets').values(asset).returningAll().executeTakeFirstOrThrow();
}

/** Owner only: another user's asset is indistinguishable from a missing one. */
export async function findOwnedAsset(
  db: Database,
  userId: string,
  assetId: string,
): Promise<Asset | undefined> {
  return db
    .selectFrom('assets')
    .selectAll()
    .where('id', '=', assetId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

interface AssetCursor {
  createdAt: string;
  id: string;
}

export function encodeAssetCursor(asset: Asset): string {
  const cursor: AssetCursor = { createdAt: new Date(asset.created_at).toISOString(), id: asset.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeAssetCursor(cursor: string): AssetCursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<AssetCursor>;
    if (
      typeof value.createdAt === 'string' &&
      typeof value.id === 'string' &&
      !Number.isNaN(Date.parse(value.createdAt))
    ) {
      return { createdAt: value.createdAt, id: value.id };
    }
  } catch {
    // fall through: an unreadable cursor is reported by the caller
  }
  return undefined;
}

/** Newest first, keyset-paged so pages stay stable while assets are added. */
export async function listAssets(
  db: Database,
  params: { userId: string; kind?: AssetKind; limit: number; cursor?: AssetCursor },
): Promise<{ assets: Asset[]; nextCursor: string | undefined }> {
  let query = db.selectFrom('assets').selectAll().where('user_id', '=', params.userId);
  if (params.kind !== undefined) query = query.where('kind', '=', params.kind);
  if (params.cursor !== undefined) {
    const { createdAt, id } = params.cursor;
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', new Date(createdAt)),
        eb.and([eb('created_at', '=', new Date(createdAt)), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(params.limit + 1)
    .execute();
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return {
    assets: page,
    nextCursor: rows.length > params.limit && last !== undefined ? encodeAssetCursor(last) : undefined,
  };
}
