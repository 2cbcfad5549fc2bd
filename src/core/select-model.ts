import { getModelPreferences } from '../db/repositories/model-preferences.js';
import type { CatalogueEntry, ModelKind } from '../providers/catalogue.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

const preferenceField = { chat: 'chatModel', image: 'imageModel', video: 'videoModel' } as const;

/**
 * The model for one call: the explicit `model` argument, else the user's preference (read on
 * every call), else the server default. Warnings (a legacy model) reach the caller's client.
 */
export async function selectModel(
  deps: Pick<CoreDeps, 'db' | 'models'>,
  caller: Caller,
  kind: ModelKind,
  explicit: string | undefined,
): Promise<CatalogueEntry> {
  const preferred =
    explicit ?? (await getModelPreferences(deps.db, caller.userId))[preferenceField[kind]] ?? undefined;
  const { entry, warnings } = (await deps.models()).resolve(kind, preferred);
  for (const warning of warnings) await caller.log('warning', warning);
  return entry;
}
