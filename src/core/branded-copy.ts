import type { AdCreativeInput, AdCreativeResult } from '../agents/ad-creative-agent.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import { type BrandKit, brandKitOf } from './brand-kit.js';
import type { Caller } from './caller.js';
import { type ChatBudget, type ChatSession, openChat } from './chat-session.js';
import type { CoreDeps } from './core-deps.js';

export interface BrandedCopy {
  brand: BrandKit | undefined;
  /** The metered chat session the copy was written on; later model calls of the same paid call use it too. */
  session: ChatSession;
  copy: AdCreativeResult;
}

/**
 * The copy-writing step that ad creatives and placement packs both begin with: the caller's brand
 * kit, a metered chat session within the paid call's budget, and the ad-creative agent's copy
 * (its warnings go to the client's log).
 */
export async function writeBrandedCopy(
  deps: CoreDeps,
  caller: Caller,
  chat: CatalogueEntry,
  call: { signal: AbortSignal; budget: ChatBudget; input: AdCreativeInput },
): Promise<BrandedCopy> {
  const brand = await brandKitOf(deps, caller);
  const session = await openChat(deps, caller, chat, { signal: call.signal, budget: call.budget });
  const { createAdCreative } = await import('../agents/ad-creative-agent.js');
  const copy = await createAdCreative({
    model: session.model,
    input: call.input,
    brand,
    signal: call.signal,
    onWarning: (message) => void caller.log('warning', message),
  });
  return { brand, session, copy };
}
