import type { Capabilities } from '../catalogue-entry.js';

/** A chat row's capabilities: tools and streaming unless said otherwise; no media. */
export function chatCapabilities(
  options: Pick<Capabilities, 'vision' | 'maxOutputTokens'> & Partial<Capabilities>,
): Capabilities {
  return { tools: true, streaming: true, maxVideoSeconds: undefined, aspectRatios: [], ...options };
}

/** An image or video row's capabilities: no chat features. */
export function mediaCapabilities(
  options: Pick<Capabilities, 'aspectRatios'> & Partial<Capabilities>,
): Capabilities {
  return {
    tools: false,
    streaming: false,
    vision: false,
    maxOutputTokens: undefined,
    maxVideoSeconds: undefined,
    ...options,
  };
}
