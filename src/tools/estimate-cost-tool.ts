import { z } from 'zod';
import type { EstimateRequest } from '../core/estimate.js';
import { invalidInput } from '../errors/zod-issues.js';
import { payingToolNames, payingTools } from './paying-tools.js';
import { modelRefSchema } from './shared-schemas.js';
import { defineTool } from './tool-definition.js';

export const estimateRequestSchema = z.object({
  tool: z.enum(payingToolNames).describe('the paying tool to quote'),
  arguments: z.record(z.string(), z.unknown()).default({}).describe('the arguments that call would get'),
});

/** The arguments checked by the quoted tool's own schema, as that tool would receive them. */
export function parseEstimateRequest(request: z.output<typeof estimateRequestSchema>): EstimateRequest {
  const parsed = payingTools[request.tool].input.safeParse(request.arguments);
  if (!parsed.success) throw invalidInput(parsed.error, `arguments for ${request.tool}`);
  return { tool: request.tool, input: parsed.data } as unknown as EstimateRequest;
}

export const estimateOutputSchema = z.object({
  credits: z.object({ min: z.number().int(), max: z.number().int() }),
  hold: z.number().int(),
  model: modelRefSchema,
  available: z.number().int(),
  affordable: z.boolean(),
});

export const estimateCostTool = defineTool({
  name: 'estimate_cost',
  title: 'Estimate a call’s cost',
  description: `What a call of ${payingToolNames.join(', ')} would cost, before making it: the range its charge falls in, the credits it would hold, the model, your available credits, and whether it is affordable now. Free; runs nothing.`,
  input: estimateRequestSchema,
  output: estimateOutputSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input, { core, caller }) {
    return { structured: await core.estimateCost(caller, parseEstimateRequest(input)) };
  },
});
