import type { Model } from '@strands-agents/sdk';
import { chatCost, type Price } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import type { ToolContext } from './tool-context.js';

export type TokenPrice = Extract<Price, { unit: 'tokens' }>;

export function tokenPrice(entry: CatalogueEntry): TokenPrice {
  if (entry.price.unit !== 'tokens') throw new AppError('INTERNAL', `${entry.id} has no token price`);
  return entry.price;
}

/** The chat model for a text tool; `client-sampling` asks the connected client's own model. */
export async function chatModelFor(context: ToolContext, entry: CatalogueEntry): Promise<Model> {
  const registry = await context.services.registry();
  return registry.chat(entry.id, { signal: context.signal, sampling: context.sampling });
}

export function costOf(price: TokenPrice, usage: { inputTokens: number; outputTokens: number }): number {
  return chatCost(price, usage);
}
