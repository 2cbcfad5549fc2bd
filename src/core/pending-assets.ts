import { deletePendingAsset, pendingAssets } from '../db/repositories/assets.js';
import type { Asset } from '../db/tables.js';
import type { CoreDeps } from './core-deps.js';

type Deps = Pick<CoreDeps, 'db' | 'storage' | 'logger'>;

async function discard(deps: Deps, assets: Asset[]): Promise<number> {
  if (assets.length === 0) return 0;
  const storage = await deps.storage();
  let discarded = 0;
  for (const asset of assets) {
    try {
      // The object first: a row without its object would be worse than an object without a row.
      await storage.delete(asset.storage_key);
      await deletePendingAsset(deps.db, asset.id);
      discarded += 1;
    } catch (error) {
      deps.logger.warn(
        { err: error, assetId: asset.id },
        'a hidden asset could not be removed; the sweeper retries',
      );
    }
  }
  return discarded;
}

/** Removes what a failed or cancelled call stored: it is never shown, so it is never owed. */
export async function discardCallAssets(deps: Deps, callId: string): Promise<number> {
  return discard(deps, await pendingAssets(deps.db, { callId }));
}

/** Removes hidden assets of calls that died before their capture (a crash, a kill). */
export async function discardStalePendingAssets(
  deps: Deps & Pick<CoreDeps, 'clock' | 'settings'>,
): Promise<number> {
  const storedBefore = new Date(deps.clock.now().getTime() - deps.settings.holdTtlSeconds * 1000);
  return discard(deps, await pendingAssets(deps.db, { storedBefore, limit: 200 }));
}
