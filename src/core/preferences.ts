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

export type { ModelPreferences };

export type PreferenceChanges = { [Field in keyof ModelPreferences]?: string | null | undefined };

const kindOf: Record<keyof ModelPreferences, ModelKind> = {
  chatModel: 'chat',
  imageModel: 'image',
  videoModel: 'video',
};

export function getPreferences(deps: Pick<CoreDeps, 'db'>, caller: Caller): Promise<ModelPreferences> {
  return getModelPreferences(deps.db, caller.userId);
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
