import type { MarketInsight } from '../agents/market-insight-agent.js';
import { chatHold, type Quote } from './budget.js';
import type { Caller } from './caller.js';
import { chargedCall } from './charged-call.js';
import { openChat } from './chat-session.js';
import type { CoreDeps } from './core-deps.js';
import type { ModelRef } from './model-ref.js';
import { selectModel } from './select-model.js';

export interface AnalyseMarketInput {
  product: string;
  region?: string | undefined;
  competitors?: string[] | undefined;
  questions?: string[] | undefined;
  idempotencyKey?: string | undefined;
  /** Never charged more; refused with BUDGET_EXCEEDED when not even a small call fits. */
  maxCredits?: number | undefined;
}

export type MarketAnalysis = MarketInsight & { creditsCharged: number; model: ModelRef };

/** A structured answer, and one more turn if the model must fix it. */
const turns = 2;

async function plan(deps: CoreDeps, caller: Caller, input: AnalyseMarketInput, quote = false) {
  const entry = await selectModel(deps, caller, 'chat', undefined);
  return { entry, ...(await chatHold(deps, caller, entry, { turns, maxCredits: input.maxCredits, quote })) };
}

/** What `analyze_market` would hold and cost, running nothing. */
export async function quoteMarket(deps: CoreDeps, caller: Caller, input: AnalyseMarketInput): Promise<Quote> {
  const { entry, hold } = await plan(deps, caller, input);
  return {
    credits: { min: hold === 0 ? 0 : 1, max: hold },
    hold,
    model: { provider: entry.provider, id: entry.id },
  };
}

/** Audiences, competitors, trends, opportunities and a summary; charged by tokens used, within the hold. */
export async function analyseMarket(
  deps: CoreDeps,
  caller: Caller,
  input: AnalyseMarketInput,
): Promise<MarketAnalysis> {
  const { entry, hold, limitedBy } = await plan(deps, caller, input);
  return chargedCall(deps, caller, {
    operation: 'analyze_market',
    input: { ...input },
    idempotencyKey: input.idempotencyKey,
    hold,
    provider: entry.provider,
    run: async ({ signal }) => {
      const chat = await openChat(deps, caller, entry, { signal, budget: { credits: hold, limitedBy } });
      const { analyzeMarket } = await import('../agents/market-insight-agent.js');
      const { usage: _usage, ...insight } = await analyzeMarket({
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
        cost: chat.spent(),
        answer: (creditsCharged) => ({
          ...insight,
          creditsCharged,
          model: { provider: chat.served().provider, id: chat.served().id },
        }),
      };
    },
  });
}
