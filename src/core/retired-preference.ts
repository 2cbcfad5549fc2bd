import { type ModelPreferences, setModelPreferences } from '../db/repositories/model-preferences.js';
import type { ModelKind } from '../providers/catalogue.js';
import type { Resolution } from '../providers/model-registry.js';
import type { CoreDeps } from './core-deps.js';

export const preferenceField = {
  chat: 'chatModel',
  image: 'imageModel',
  video: 'videoModel',
} as const satisfies Record<ModelKind, keyof ModelPreferences>;

/** Told to the user (on the web page, in get_model_preferences) when a preference was moved. */
export interface PreferenceNotice {
  /** Which preference: chat, image or video. */
  kind: ModelKind;
  from: string;
  to: string;
  message: string;
}

/**
 * Stores the successor in place of a preference on a retired model, as the resolution decided
 * (shared by every paid call and by reading the preferences), and says what happened.
 */
export async function storeMovedPreference(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  userId: string,
  kind: ModelKind,
  resolution: Resolution,
): Promise<PreferenceNotice | undefined> {
  const moved = resolution.movedPreference;
  if (moved === undefined) return undefined;
  await setModelPreferences(deps.db, userId, { [preferenceField[kind]]: moved.to }, deps.clock.now());
  // The resolution's own warning names the date; the fallback only guards a reworded warning.
  const message =
    resolution.warnings.find((warning) => warning.includes(`model ${moved.from} was retired`)) ??
    `your ${kind} model ${moved.from} was retired; your preference now names its successor ${moved.to}`;
  return { kind, from: moved.from, to: moved.to, message };
}
