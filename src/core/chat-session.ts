import type { Model } from '@strands-agents/sdk';
import type { TokenPrice, TokenUsage } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry, ListedModel } from '../providers/catalogue.js';
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
  /** The usage charged for the model call in progress when the caller left, if one was. */
  cutShort(): TokenUsage | undefined;
}

export interface ChatBudget {
  /** Credits the chat turns may spend in all. */
  credits: number;
  /** Why the budget is what it is, for the error when it runs out. */
  limitedBy: 'maxCredits' | 'balance' | 'hold';
}

/**
 * The models that may answer a call on `entry`: it, then its fallbacks, as the registry picks
 * them (the chain after `entry`, or all of it when `entry` is not in it), configured ones only.
 */
export function chatCandidates(
  entry: CatalogueEntry,
  chain: readonly string[],
  chatModels: readonly ListedModel[],
): CatalogueEntry[] {
  const position = chain.indexOf(entry.id);
  const after = position === -1 ? chain : chain.slice(position + 1);
  const fallbacks = after
    .map((id) => chatModels.find((model) => model.id === id && model.configured))
    .filter((model): model is ListedModel => model !== undefined && model.id !== entry.id);
  return [entry, ...fallbacks];
}

/** The highest input and output prices, and usual budget, among the models that may answer. */
export function boundPrice(candidates: readonly CatalogueEntry[]): TokenPrice {
  const prices = candidates.filter((model) => model.price.unit === 'tokens').map(tokenPrice);
  return {
    unit: 'tokens',
    inputPer1k: Math.max(0, ...prices.map((price) => price.inputPer1k)),
    outputPer1k: Math.max(0, ...prices.map((price) => price.outputPer1k)),
    reserve: Math.max(0, ...prices.map((price) => price.reserve)),
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
  const { createMeteredModel } = await import('./metered-model.js');
  const model = await createMeteredModel({
    open: (maxTokens) =>
      registry.chat(entry.id, { signal: call.signal, sampling: caller.sampling, maxTokens, onServed }),
    servedPrice: () => tokenPrice(served),
    boundPrice: boundPrice(chatCandidates(entry, deps.settings.fallbackChain, chatModels)),
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
  return { model, served: () => served, spent: () => model.spent(), cutShort: () => model.cutShort() };
}
