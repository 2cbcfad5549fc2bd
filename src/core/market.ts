import type { MarketInsight } from '../agents/market-insight-agent.js';
import type { Caller } from './caller.js';
import { chargedCall } from './charged-call.js';
import { openChat, tokenPrice } from './chat-session.js';
import type { CoreDeps } from './core-deps.js';
import type { ModelRef } from './model-ref.js';
import { selectModel } from './select-model.js';

export interface AnalyseMarketInput {
  product: string;
  region?: string | undefined;
  competitors?: string[] | undefined;
  questions?: string[] | undefined;
  idempotencyKey?: string | undefined;
}

export type MarketAnalysis = MarketInsight & { creditsCharged: number; model: ModelRef };

/** Audiences, competitors, trends, opportunities and a summary; charged by tokens used. */
export async function analyseMarket(
  deps: CoreDeps,
  caller: Caller,
  input: AnalyseMarketInput,
): Promise<MarketAnalysis> {
  const entry = await selectModel(deps, caller, 'chat', undefined);
  return chargedCall(deps, caller, {
    operation: 'analyze_market',
    input: { ...input },
    idempotencyKey: input.idempotencyKey,
    hold: tokenPrice(entry).reserve,
    provider: entry.provider,
    run: async ({ signal }) => {
      const chat = await openChat(deps, caller, entry, signal);
      const { analyzeMarket } = await import('../agents/market-insight-agent.js');
      const { usage, ...insight } = await analyzeMarket({
        model: chat.model,
        input: {
          product: input.product,
          ...(input.region === undefined ? {} : { region: input.region }),
          ...(input.competitors === undefined ? {} : { competitors: input.competitors }),
          ...(input.questions === undefined ? {} : { questions: input.questions }),
        },
        signal,
      });
      return {
        cost: chat.cost(usage),
        answer: (creditsCharged) => ({
          ...insight,
          creditsCharged,
          model: { provider: chat.served().provider, id: chat.served().id },
        }),
      };
    },
  });
}
