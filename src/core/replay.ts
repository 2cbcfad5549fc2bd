import { findOwnedAsset } from '../db/repositories/assets.js';
import { viewAsset } from './asset-view.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

function isAssetView(value: unknown): value is { assetId: string; url: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { assetId?: unknown }).assetId === 'string' &&
    typeof (value as { url?: unknown }).url === 'string'
  );
}

async function resign(
  deps: Pick<CoreDeps, 'db' | 'storage'>,
  caller: Caller,
  value: unknown,
): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => resign(deps, caller, item)));
  if (isAssetView(value)) {
    const asset = await findOwnedAsset(deps.db, caller.userId, value.assetId);
    return asset === undefined ? value : viewAsset(await deps.storage(), asset);
  }
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await resign(deps, caller, item)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/**
 * The recorded answer of a repeated idempotency key: its links signed afresh (the first ones
 * may have expired), nothing charged this time (`creditsCharged: 0`), and marked `replayed`.
 * The first call's charge stays in its own ledger entry.
 */
export async function replayAnswer<Output>(
  deps: Pick<CoreDeps, 'db' | 'storage'>,
  caller: Caller,
  recorded: unknown,
): Promise<Output> {
  const answer = (await resign(deps, caller, recorded)) as Record<string, unknown>;
  return {
    ...answer,
    ...('creditsCharged' in answer ? { creditsCharged: 0 } : {}),
    replayed: true,
  } as Output;
}
