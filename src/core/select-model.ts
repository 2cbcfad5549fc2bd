import { getModelPreferences } from '../db/repositories/model-preferences.js';
import type { CatalogueEntry, ModelKind } from '../providers/catalogue.js';
import type { ModelRequest } from '../providers/model-registry.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { currentModels } from './current-models.js';
import { preferenceField, storeMovedPreference } from './retired-preference.js';

/**
 * The model for one call. An explicit `model` must do the request (else INVALID_INPUT naming the
 * configured models that can). Otherwise the user's preference (read on every call) when it can,
 * else the server default, else the first configured active model that can. A preference on a
 * retired model is moved to its successor and stored. Warnings reach the caller's client.
 */
export async function selectModel(
  deps: Pick<CoreDeps, 'db' | 'models' | 'clock'>,
  caller: Caller,
  kind: ModelKind,
  explicit: string | undefined,
  request: ModelRequest = {},
): Promise<CatalogueEntry> {
  const registry = await currentModels(deps);
  const preferred =
    explicit === undefined
      ? ((await getModelPreferences(deps.db, caller.userId))[preferenceField[kind]] ?? undefined)
      : undefined;
  const resolution = registry.resolve(kind, explicit, { preferred, request });
  await storeMovedPreference(deps, caller.userId, kind, resolution);
  const { entry, warnings } = resolution;
  for (const warning of warnings) await caller.log('warning', warning);
  return entry;
}
