import type { Database } from '../database.js';
import type { Asset, AssetKind, NewAsset } from '../tables.js';
import type { Executor } from './users.js';

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
    .where('pending_call', 'is', null)
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
  let query = db
    .selectFrom('assets')
    .selectAll()
    .where('user_id', '=', params.userId)
    .where('pending_call', 'is', null);
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

/** Makes the assets a paid call stored visible; run in the transaction that captures its charge. */
export async function revealAssets(executor: Executor, callId: string): Promise<number> {
  const result = await executor
    .updateTable('assets')
    .set({ pending_call: null })
    .where('pending_call', '=', callId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Hidden assets of one call, or of calls that ended (or died) before `storedBefore`. */
export async function pendingAssets(
  db: Database,
  filter: { callId: string } | { storedBefore: Date; limit: number },
): Promise<Asset[]> {
  let query = db.selectFrom('assets').selectAll();
  query =
    'callId' in filter
      ? query.where('pending_call', '=', filter.callId)
      : query
          .where('pending_call', 'is not', null)
          .where('created_at', '<', filter.storedBefore)
          .orderBy('created_at')
          .limit(filter.limit);
  return query.execute();
}

/** Deletes a hidden asset row (its object is deleted by the caller first). */
export async function deletePendingAsset(db: Database, assetId: string): Promise<void> {
  await db.deleteFrom('assets').where('id', '=', assetId).where('pending_call', 'is not', null).execute();
}
