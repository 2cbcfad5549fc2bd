import type { Model } from '@strands-agents/sdk';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { AgentUsage } from './agent-usage.js';
import {
  buildMarketInsightRequest,
  type MarketInsightBrief,
  marketInsightSystemPrompt,
} from './prompts/market-insight-prompt.js';
import { runStructuredAgent } from './run-agent.js';

const text = z.string().min(1);

export const marketInsightSchema = z
  .object({
    summary: text.describe('A few sentences: the market, the best opening, answers to the questions'),
    audiences: z
      .array(
        z.object({
          name: text,
          description: text,
          size: z.string().optional().describe('Only when known, e.g. "about 2 million in Germany"'),
          channels: z.array(text).describe('Where to reach them, e.g. "instagram", "google search"'),
        }),
      )
      .min(1),
    competitors: z.array(
      z.object({ name: text, positioning: text, strengths: z.array(text), weaknesses: z.array(text) }),
    ),
    trends: z.array(z.object({ name: text, description: text, evidence: z.string().optional() })),
    opportunities: z
      .array(z.object({ title: text, description: text, priority: z.enum(['high', 'medium', 'low']) }))
      .min(1),
  })
  .describe('A market briefing for an advertising team');
export type MarketInsight = z.infer<typeof marketInsightSchema>;

export interface MarketInsightOptions {
  model: Model;
  input: MarketInsightBrief;
  signal?: AbortSignal | undefined;
}

export type MarketInsightResult = MarketInsight & { usage: AgentUsage };

/** Audiences, competitors, trends and opportunities for a product in a region. */
export async function analyzeMarket(options: MarketInsightOptions): Promise<MarketInsightResult> {
  if (options.input.product.trim() === '') {
    throw new AppError('INVALID_INPUT', 'product: describe the product to analyse', {
      details: { field: 'product' },
    });
  }
  const { output, usage } = await runStructuredAgent({
    model: options.model,
    systemPrompt: marketInsightSystemPrompt,
    prompt: buildMarketInsightRequest(options.input),
    schema: marketInsightSchema,
    task: 'analyse the market',
    signal: options.signal,
  });
  return { ...output, usage };
}
