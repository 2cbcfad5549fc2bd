import type { Model } from '@strands-agents/sdk';
import { chatCost, type Price } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import { type CatalogueEntry, findModel } from '../providers/catalogue.js';
import type { ToolContext } from './tool-context.js';

export type TokenPrice = Extract<Price, { unit: 'tokens' }>;

export function tokenPrice(entry: CatalogueEntry): TokenPrice {
  if (entry.price.unit !== 'tokens') throw new AppError('INTERNAL', `${entry.id} has no token price`);
  return entry.price;
}

export interface ChatSession {
  model: Model;
  /** The model that actually answered: the chosen one, or a fallback from MODEL_FALLBACK_CHAIN. */
  served(): CatalogueEntry;
}

/**
 * The chat model for a text tool; `client-sampling` asks the connected client's own model.
 * A fallback is reported to the client as a warning, and the answer names and prices it.
 */
export async function openChat(context: ToolContext, entry: CatalogueEntry): Promise<ChatSession> {
  const registry = await context.services.registry();
  let served = entry;
  const model = await registry.chat(entry.id, {
    signal: context.signal,
    sampling: context.sampling,
    onServed: (catalogueId) => {
      if (catalogueId === served.id) return;
      served = findModel(catalogueId) ?? served;
      void context.log('warning', `${entry.id} failed; ${catalogueId} answered instead (fallback chain)`);
    },
  });
  return { model, served: () => served };
}

/** What the tokens cost on the model that answered. */
export function costOf(entry: CatalogueEntry, usage: { inputTokens: number; outputTokens: number }): number {
  return chatCost(tokenPrice(entry), usage);
}
