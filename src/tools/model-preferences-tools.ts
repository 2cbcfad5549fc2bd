import { z } from 'zod';
import type { Config } from '../config/config.js';
import { getModelPreferences, setModelPreferences } from '../db/repositories/model-preferences.js';
import { AppError } from '../errors/app-error.js';
import { listCatalogue, type ModelKind } from '../providers/catalogue.js';
import { defineTool } from './tool-definition.js';

const preferencesSchema = z.object({
  chatModel: z.string().nullable(),
  imageModel: z.string().nullable(),
  videoModel: z.string().nullable(),
});

/** A preference must name a catalogue model of the right kind that is configured here. */
export function checkPreference(
  config: Config,
  field: string,
  kind: ModelKind,
  id: string | null | undefined,
): void {
  if (id === undefined || id === null) return;
  const models = listCatalogue(config, kind);
  const model = models.find((entry) => entry.id === id);
  if (model === undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `${field}: "${id}" is not a ${kind} model; choose one of ${models.map((entry) => entry.id).join(', ')}`,
    );
  }
  if (!model.configured) {
    throw new AppError(
      'PROVIDER_NOT_CONFIGURED',
      `${field}: ${id} is not configured on this server; set ${model.missing.join(', ')}`,
    );
  }
  if (model.lifecycle.status === 'retired') {
    throw new AppError('INVALID_INPUT', `${field}: ${id} is retired; use ${model.lifecycle.successor}`);
  }
}

export const getModelPreferencesTool = defineTool({
  name: 'get_model_preferences',
  title: 'Get model preferences',
  description: 'The chat, image and video models your calls use by default (null: the server default). Free.',
  input: z.object({}),
  output: preferencesSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(_input, { user, services }) {
    return { structured: await getModelPreferences(services.db, user.id) };
  },
});

export const setModelPreferencesTool = defineTool({
  name: 'set_model_preferences',
  title: 'Set model preferences',
  description:
    'Choose the default chat, image and video models for your calls (catalogue ids from list_models; null resets to the server default). Fields you leave out stay as they are. An explicit `model` argument on a call still wins. Free.',
  input: z.object({
    chatModel: z.string().min(1).max(100).nullable().optional(),
    imageModel: z.string().min(1).max(100).nullable().optional(),
    videoModel: z.string().min(1).max(100).nullable().optional(),
  }),
  output: preferencesSchema,
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
  async handler(input, { user, services }) {
    checkPreference(services.config, 'chatModel', 'chat', input.chatModel);
    checkPreference(services.config, 'imageModel', 'image', input.imageModel);
    checkPreference(services.config, 'videoModel', 'video', input.videoModel);
    return { structured: await setModelPreferences(services.db, user.id, input) };
  },
});
