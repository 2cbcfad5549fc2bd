import type { Model } from '@strands-agents/sdk';
import type { TokenPrice } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

export type { TokenPrice };

export function tokenPrice(entry: CatalogueEntry): TokenPrice {
  if (entry.price.unit !== 'tokens') throw new AppError('INTERNAL', `${entry.id} has no token price`);
  return entry.price;
}

export interface ChatSession {
  /** The model the agents call: metered, so the call stays within its budget. */
  model: Model;
  /** The model that actually answered: the chosen one, or a fallback from MODEL_FALLBACK_CHAIN. */
  served(): CatalogueEntry;
  /** Credits the call's turns cost so far. */
  spent(): number;
}

export interface ChatBudget {
  /** Credits the chat turns may spend in all. */
  credits: number;
  /** Why the budget is what it is, for the error when it runs out. */
  limitedBy: 'maxCredits' | 'balance' | 'hold';
}

/** The highest input and output prices among the model and its fallbacks: turns are bounded with them. */
function boundPrice(entry: CatalogueEntry, candidates: readonly CatalogueEntry[]): TokenPrice {
  const prices = [entry, ...candidates].filter((model) => model.price.unit === 'tokens').map(tokenPrice);
  return {
    unit: 'tokens',
    inputPer1k: Math.max(...prices.map((price) => price.inputPer1k)),
    outputPer1k: Math.max(...prices.map((price) => price.outputPer1k)),
    reserve: tokenPrice(entry).reserve,
  };
}

/**
 * The chat model for a text operation, metered within `budget`; `client-sampling` asks the
 * caller's own model. A fallback is reported to the caller as a warning, and the answer names
 * and prices it.
 */
export async function openChat(
  deps: Pick<CoreDeps, 'models' | 'settings' | 'logger'>,
  caller: Caller,
  entry: CatalogueEntry,
  call: { signal: AbortSignal; budget: ChatBudget },
): Promise<ChatSession> {
  const registry = await deps.models();
  const chatModels = registry.list('chat');
  let served = entry;
  const onServed = (catalogueId: string) => {
    if (catalogueId === served.id) return;
    served = chatModels.find((candidate) => candidate.id === catalogueId) ?? served;
    void caller.log('warning', `${entry.id} failed; ${catalogueId} answered instead (fallback chain)`);
  };
  const chain = chatModels.filter((model) => deps.settings.fallbackChain.includes(model.id));
  const { createMeteredModel } = await import('./metered-model.js');
  const model = await createMeteredModel({
    open: (maxTokens) =>
      registry.chat(entry.id, { signal: call.signal, sampling: caller.sampling, maxTokens, onServed }),
    servedPrice: () => tokenPrice(served),
    boundPrice: boundPrice(entry, chain),
    budget: call.budget.credits,
    maxOutputTokens: entry.capabilities.maxOutputTokens,
    exhausted: (spent) =>
      new AppError(
        call.budget.limitedBy === 'maxCredits' ? 'BUDGET_EXCEEDED' : 'INSUFFICIENT_CREDITS',
        `the call used ${spent} of the ${call.budget.credits} credits it may spend (${
          call.budget.limitedBy === 'maxCredits'
            ? 'maxCredits'
            : call.budget.limitedBy === 'balance'
              ? 'your available balance'
              : 'its hold'
        }) before it could finish; nothing is charged`,
      ),
    onEstimated: (reported) =>
      deps.logger.warn(
        { model: served.id, reported },
        'usage missing or not believable; counted from the text instead',
      ),
  });
  return { model, served: () => served, spent: () => model.spent() };
}
