import { getModelPreferences } from '../db/repositories/model-preferences.js';
import type { CatalogueEntry, ModelKind } from '../providers/catalogue.js';
import type { ToolContext } from './tool-context.js';

const preferenceField = { chat: 'chatModel', image: 'imageModel', video: 'videoModel' } as const;

/**
 * The model for one call: the explicit `model` argument, else the user's preference (read on
 * every call), else the server default. Warnings (legacy model, fallback) reach the client as logs.
 */
export async function selectModel(
  context: ToolContext,
  kind: ModelKind,
  explicit: string | undefined,
): Promise<CatalogueEntry> {
  const { services, user } = context;
  const preferred =
    explicit ?? (await getModelPreferences(services.db, user.id))[preferenceField[kind]] ?? undefined;
  const registry = await services.registry();
  const { entry, warnings } = registry.resolve(kind, preferred);
  for (const warning of warnings) await context.log('warning', warning);
  return entry;
}
