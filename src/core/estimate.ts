import { type AdCopyQuoteInput, quoteAdCopy } from './ad-copy.js';
import type { Quote } from './budget.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { type GenerateImagesInput, quoteImages } from './images.js';
import { type AnalyseMarketInput, quoteMarket } from './market.js';
import { type PlacementPackInput, quotePlacementPack } from './placement-pack.js';
import { quoteVideo, type StartVideoInput } from './video-job-start.js';

/** A paying operation and the arguments it would get (already parsed by its tool's schema). */
export type EstimateRequest =
  | { tool: 'generate_image'; input: GenerateImagesInput }
  | { tool: 'generate_video'; input: StartVideoInput }
  | { tool: 'analyze_market'; input: AnalyseMarketInput }
  | { tool: 'create_ad_creative'; input: AdCopyQuoteInput }
  | { tool: 'create_placement_pack'; input: PlacementPackInput };

export interface Estimate extends Quote {
  /** Credits the caller can spend now (balance less holds). */
  available: number;
  /** Whether the call would run now: its hold fits what is available. */
  affordable: boolean;
}

function quoteOf(deps: CoreDeps, caller: Caller, request: EstimateRequest): Promise<Quote> {
  switch (request.tool) {
    case 'generate_image':
      return quoteImages(deps, caller, request.input);
    case 'generate_video':
      return quoteVideo(deps, caller, request.input);
    case 'analyze_market':
      return quoteMarket(deps, caller, request.input);
    case 'create_ad_creative':
      return quoteAdCopy(deps, caller, request.input);
    case 'create_placement_pack':
      return quotePlacementPack(deps, caller, request.input);
  }
}

/**
 * What a paying call would hold and cost, running nothing and charging nothing: the same plan the
 * call itself makes, so the next identical call's charge falls within `credits`. A call that
 * would be refused (too few credits, over maxCredits) is refused here the same way.
 */
export async function estimateCost(
  deps: CoreDeps,
  caller: Caller,
  request: EstimateRequest,
): Promise<Estimate> {
  const [quote, balance] = await Promise.all([
    quoteOf(deps, caller, request),
    deps.ledger.balance(caller.userId),
  ]);
  return { ...quote, available: balance.available, affordable: quote.hold <= balance.available };
}
