import { z } from 'zod';
import { defineTool } from './tool-definition.js';

export const listModelsTool = defineTool({
  name: 'list_models',
  title: 'List models',
  description:
    'The models AdEngine can use for chat (ad copy, market analysis), images and video, with their price in credits, whether each is configured on this server, and lifecycle (legacy models still work until their end of life). Free.',
  input: z.object({ kind: z.enum(['chat', 'image', 'video']).optional().describe('only this kind') }),
  output: z.object({
    models: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        provider: z.string(),
        kind: z.enum(['chat', 'image', 'video']),
        configured: z.boolean(),
        missing: z.array(z.string()),
        price: z.object({
          unit: z.string(),
          credits: z.record(z.string(), z.number()),
          description: z.string(),
        }),
        lifecycle: z.object({
          status: z.string(),
          endOfLife: z.string().optional(),
          successor: z.string().optional(),
        }),
        capabilities: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input, { core }) {
    return { structured: { models: await core.listModels(input.kind) } };
  },
});
