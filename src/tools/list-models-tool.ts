import { z } from 'zod';
import { describePrice } from '../credits/prices.js';
import { listCatalogue } from '../providers/catalogue.js';
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
  async handler(input, { services }) {
    const models = listCatalogue(services.config, input.kind).map((model) => {
      const { unit, ...credits } = model.price;
      return {
        id: model.id,
        name: model.displayName,
        provider: model.provider,
        kind: model.kind,
        configured: model.configured,
        missing: model.missing,
        price: { unit, credits, description: describePrice(model.price) },
        lifecycle: {
          status: model.lifecycle.status,
          ...('endOfLife' in model.lifecycle ? { endOfLife: model.lifecycle.endOfLife } : {}),
          ...('successor' in model.lifecycle ? { successor: model.lifecycle.successor } : {}),
        },
        capabilities: { ...model.capabilities },
      };
    });
    return { structured: { models } };
  },
});
