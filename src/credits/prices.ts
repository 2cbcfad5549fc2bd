/**
 * Prices in whole credits. Chat is priced per 1,000 tokens in and out; a call is charged
 * the ceiling of its exact cost, so 1 token at 3 credits/1k costs 1 credit, never 0.
 * The model catalogue gives each model one of these.
 */
export type Price =
  | { unit: 'tokens'; inputPer1k: number; outputPer1k: number /** Held before the call. */; reserve: number }
  | { unit: 'image'; perImage: number }
  | { unit: 'video-second'; perSecond: number };

/** The price of a chat model. */
export type TokenPrice = Extract<Price, { unit: 'tokens' }>;

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Exact integer arithmetic: costs are summed in thousandths, then rounded up once. */
export function chatCost(price: Extract<Price, { unit: 'tokens' }>, usage: TokenUsage): number {
  const milli = usage.inputTokens * price.inputPer1k + usage.outputTokens * price.outputPer1k;
  return Math.ceil(milli / 1000);
}

export function imageCost(price: Extract<Price, { unit: 'image' }>, count: number): number {
  return price.perImage * count;
}

export function videoCost(price: Extract<Price, { unit: 'video-second' }>, seconds: number): number {
  return Math.ceil(price.perSecond * seconds);
}

/** How much a call holds before it runs: the worst case it may capture. */
export function reserveAmount(price: Price, quantity: number): number {
  switch (price.unit) {
    case 'tokens':
      return price.reserve;
    case 'image':
      return imageCost(price, quantity);
    case 'video-second':
      return videoCost(price, quantity);
  }
}

/** Text-tool prices: the whole tool call, not one model turn. Listed for `list_models` too. */
export function describePrice(price: Price): string {
  switch (price.unit) {
    case 'tokens':
      return `${price.inputPer1k} credits per 1k input tokens, ${price.outputPer1k} per 1k output tokens (holds ${price.reserve})`;
    case 'image':
      return `${price.perImage} credits per image`;
    case 'video-second':
      return `${price.perSecond} credits per second of video`;
  }
}
