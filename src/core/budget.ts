import { chatCost } from '../credits/prices.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import type { Caller } from './caller.js';
import { boundPrice, type ChatBudget, chatCandidates } from './chat-session.js';
import type { CoreDeps } from './core-deps.js';
import type { ModelRef } from './model-ref.js';

/** What a paying call would hold and cost, before it runs. */
export interface Quote {
  /** The charge will fall within these bounds. */
  credits: { min: number; max: number };
  /** Held before the provider is called: the most the call may cost. */
  hold: number;
  model: ModelRef;
}

/** The least a chat turn needs: a prompt of this many tokens and this much answer. */
const minimumTurn = { inputTokens: 4096, outputTokens: 64 };

/** Refuses, before anything runs, a call whose exact price exceeds the caller's `maxCredits`. */
export function assertWithinBudget(cost: number, maxCredits: number | undefined): void {
  if (maxCredits !== undefined && cost > maxCredits) {
    throw new AppError(
      'BUDGET_EXCEEDED',
      `this call costs ${cost} credits, more than maxCredits (${maxCredits}); raise maxCredits or ask for less`,
    );
  }
}

/**
 * The hold of a chat call: the usual budget for `turns` turns of the dearest model that may
 * answer it (the model or a fallback), bounded by what the caller has available and by
 * `maxCredits`. The call is then metered so it cannot cost more
 * than this (each turn's output is capped by what is left), so a user short of the usual budget
 * still runs a bounded call. Refused only when not even one small turn fits.
 */
export async function chatHold(
  deps: Pick<CoreDeps, 'ledger' | 'models' | 'settings'>,
  caller: Caller,
  entry: CatalogueEntry,
  options: { turns: number; maxCredits: number | undefined; extra?: number; quote?: boolean },
): Promise<{ hold: number; minimum: number; limitedBy: ChatBudget['limitedBy'] }> {
  const chatModels = (await deps.models()).list('chat');
  const price = boundPrice(chatCandidates(entry, deps.settings.fallbackChain, chatModels));
  const extra = options.extra ?? 0;
  if (price.inputPer1k === 0 && price.outputPer1k === 0)
    return { hold: extra, minimum: extra, limitedBy: 'hold' };
  const minimum = chatCost(price, minimumTurn) + extra;
  if (options.maxCredits !== undefined && options.maxCredits < minimum) {
    throw new AppError(
      'BUDGET_EXCEEDED',
      `this call needs at least ${minimum} credits on ${entry.id}; maxCredits is ${options.maxCredits}`,
    );
  }
  const { available } = await deps.ledger.balance(caller.userId);
  // A quote says what the call needs even when it cannot run now (it is then not affordable).
  if (available < minimum && options.quote) return { hold: minimum, minimum, limitedBy: 'balance' };
  if (available < minimum) {
    throw new AppError(
      'INSUFFICIENT_CREDITS',
      `this call needs at least ${minimum} credits, balance is ${available}`,
      {
        details: { required: minimum, available },
      },
    );
  }
  const usual = price.reserve * options.turns + extra;
  const hold = Math.min(usual, available, options.maxCredits ?? usual);
  const limitedBy =
    hold === options.maxCredits ? 'maxCredits' : hold === available && hold < usual ? 'balance' : 'hold';
  return { hold, minimum, limitedBy };
}
