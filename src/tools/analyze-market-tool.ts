import { z } from 'zod';
import { idempotencyKeySchema, maxCreditsSchema, paidAnswerFields } from './shared-schemas.js';
import { defineTool } from './tool-definition.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const analyzeMarketTool = defineTool({
  name: 'analyze_market',
  title: 'Analyze a market',
  description:
    'Market insight for a product and region: target audiences, competitors, trends, opportunities and a summary, from your chat model. Use it before writing ads. Costs credits by tokens used (see list_models); a hold is taken first and the unused part returned.',
  input: z.object({
    product: text(2000).describe('the product or service, in a sentence or two'),
    region: text(200).optional().describe('market, e.g. "Germany" or "US West Coast"'),
    competitors: z.array(text(200)).max(20).optional(),
    questions: z.array(text(500)).max(10).optional().describe('specific questions to answer'),
    idempotencyKey: idempotencyKeySchema,
    maxCredits: maxCreditsSchema,
  }),
  output: z.object({
    summary: z.string(),
    audiences: z.array(z.unknown()),
    competitors: z.array(z.unknown()),
    trends: z.array(z.unknown()),
    opportunities: z.array(z.unknown()),
    ...paidAnswerFields,
  }),
  annotations: { readOnlyHint: true, idempotentHint: false, openWorldHint: true },
  async handler(input, { core, caller }) {
    return { structured: await core.analyseMarket(caller, input) };
  },
});
