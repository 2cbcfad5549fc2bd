import {
  getModelPreferences,
  type ModelPreferences,
  setModelPreferences,
} from '../db/repositories/model-preferences.js';
import { AppError } from '../errors/app-error.js';
import type { ModelKind } from '../providers/catalogue.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { currentModels } from './current-models.js';
import { type PreferenceNotice, preferenceField, storeMovedPreference } from './retired-preference.js';

export type { ModelPreferences, PreferenceNotice };

/** The stored preferences; `notices` only when reading them just moved one off a retired model. */
export type PreferencesAnswer = ModelPreferences & { notices?: PreferenceNotice[] };

export type PreferenceChanges = { [Field in keyof ModelPreferences]?: string | null | undefined };

const kindOf = Object.fromEntries(
  Object.entries(preferenceField).map(([kind, field]) => [field, kind]),
) as Record<keyof ModelPreferences, ModelKind>;

/**
 * The stored preferences. One naming a retired model is moved to its successor and stored, as a
 * paid call would (same resolution), so the web page can tell the user at once.
 */
export async function getPreferences(
  deps: Pick<CoreDeps, 'db' | 'models' | 'clock'>,
  caller: Caller,
): Promise<PreferencesAnswer> {
  const stored = await getModelPreferences(deps.db, caller.userId);
  const registry = await currentModels(deps);
  const notices: PreferenceNotice[] = [];
  for (const kind of Object.keys(preferenceField) as ModelKind[]) {
    const preferred = stored[preferenceField[kind]];
    if (preferred === null) continue;
    let resolution: ReturnType<typeof registry.resolve>;
    try {
      resolution = registry.resolve(kind, undefined, { preferred });
    } catch {
      // Nothing configured can serve this kind: a paid call would be refused; a read is not.
      continue;
    }
    const notice = await storeMovedPreference(deps, caller.userId, kind, resolution);
    if (notice !== undefined) notices.push(notice);
  }
  if (notices.length === 0) return stored;
  return { ...(await getModelPreferences(deps.db, caller.userId)), notices };
}

/**
 * Sets the fields given (null: back to the server default). Each must name a catalogue model of
 * the right kind that is configured here and not retired.
 */
export async function setPreferences(
  deps: Pick<CoreDeps, 'db' | 'models' | 'clock'>,
  caller: Caller,
  changes: PreferenceChanges,
): Promise<ModelPreferences> {
  const registry = await currentModels(deps);
  const checked: Partial<ModelPreferences> = {};
  for (const field of Object.keys(kindOf) as Array<keyof ModelPreferences>) {
    const id = changes[field];
    if (id === undefined) continue;
    checked[field] = id;
    if (id === null) continue;
    const kind = kindOf[field];
    const models = registry.list(kind);
    const model = models.find((entry) => entry.id === id);
    if (model === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `${field}: "${id}" is not a ${kind} model; choose one of ${models.map((entry) => entry.id).join(', ')}`,
      );
    }
    // Checked before configuration: a retired model is refused whatever is set, naming what replaces it.
    if (model.lifecycle.status === 'retired') {
      const { successor, endOfLife } = model.lifecycle;
      const when = endOfLife === undefined ? 'is retired' : `was retired on ${endOfLife}`;
      throw new AppError(
        'INVALID_INPUT',
        `${field}: ${id} ${when}; ${successor === undefined ? 'choose another model' : `use ${successor}`}`,
        { details: { field, successor } },
      );
    }
    if (!model.configured) {
      throw new AppError(
        'PROVIDER_NOT_CONFIGURED',
        `${field}: ${id} is not configured on this server; set ${model.missing.join(', ')}`,
      );
    }
  }
  return setModelPreferences(deps.db, caller.userId, checked, deps.clock.now());
}
