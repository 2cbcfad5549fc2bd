import type { Model } from '@strands-agents/sdk';
import { chatCost, type Price, type TokenUsage } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

export type TokenPrice = Extract<Price, { unit: 'tokens' }>;

export function tokenPrice(entry: CatalogueEntry): TokenPrice {
  if (entry.price.unit !== 'tokens') throw new AppError('INTERNAL', `${entry.id} has no token price`);
  return entry.price;
}

export interface ChatSession {
  model: Model;
  /** The model that actually answered: the chosen one, or a fallback from MODEL_FALLBACK_CHAIN. */
  served(): CatalogueEntry;
  /** What the tokens cost on the model that answered. */
  cost(usage: TokenUsage): number;
}

/**
 * The chat model for a text operation; `client-sampling` asks the caller's own model.
 * A fallback is reported to the caller as a warning, and the answer names and prices it.
 */
export async function openChat(
  deps: Pick<CoreDeps, 'models'>,
  caller: Caller,
  entry: CatalogueEntry,
  signal: AbortSignal,
): Promise<ChatSession> {
  const registry = await deps.models();
  let served = entry;
  const model = await registry.chat(entry.id, {
    signal,
    sampling: caller.sampling,
    onServed: (catalogueId) => {
      if (catalogueId === served.id) return;
      served = registry.list('chat').find((candidate) => candidate.id === catalogueId) ?? served;
      void caller.log('warning', `${entry.id} failed; ${catalogueId} answered instead (fallback chain)`);
    },
  });
  return { model, served: () => served, cost: (usage) => chatCost(tokenPrice(served), usage) };
}
