import { z } from 'zod';
import { defineTool } from './tool-definition.js';

const preferencesSchema = z.object({
  chatModel: z.string().nullable(),
  imageModel: z.string().nullable(),
  videoModel: z.string().nullable(),
});

const preferencesReadSchema = preferencesSchema.extend({
  notices: z
    .array(
      z.object({
        kind: z.enum(['chat', 'image', 'video']),
        from: z.string(),
        to: z.string(),
        message: z.string(),
      }),
    )
    .optional()
    .describe('Present when this read moved a preference off a retired model to its successor'),
});

/** The fields `set_model_preferences` and `PUT /api/v1/me/model-preferences` take. */
export const preferenceChangesSchema = z.object({
  chatModel: z.string().min(1).max(100).nullable().optional(),
  imageModel: z.string().min(1).max(100).nullable().optional(),
  videoModel: z.string().min(1).max(100).nullable().optional(),
});

export const getModelPreferencesTool = defineTool({
  name: 'get_model_preferences',
  title: 'Get model preferences',
  description:
    'The chat, image and video models your calls use by default (null: the server default). A preference on a retired model is moved to its successor, and `notices` says so. Free.',
  input: z.object({}),
  output: preferencesReadSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(_input, { core, caller }) {
    return { structured: await core.getPreferences(caller) };
  },
});

export const setModelPreferencesTool = defineTool({
  name: 'set_model_preferences',
  title: 'Set model preferences',
  description:
    'Choose the default chat, image and video models for your calls (catalogue ids from list_models; null resets to the server default). Fields you leave out stay as they are. An explicit `model` argument on a call still wins. Free.',
  input: preferenceChangesSchema,
  output: preferencesSchema,
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
  async handler(input, { core, caller }) {
    return { structured: await core.setPreferences(caller, input) };
  },
});
