import type { Price } from '../credits/prices.js';
import type { AspectRatio } from './image-model.js';

export type ModelKind = 'chat' | 'image' | 'video';

/** A provider module's `name`. Open on purpose: a new provider is a module and its rows, not an edit here. */
export type ProviderName = string;

/** Dates are `YYYY-MM-DD` (UTC); `successor` is a catalogue id. */
export type Lifecycle =
  | { status: 'active'; source: string }
  | { status: 'legacy'; endOfLife: string; successor: string; source: string }
  | { status: 'retired'; since: string; successor: string; source: string };

export interface Capabilities {
  tools: boolean;
  streaming: boolean;
  vision: boolean;
  maxOutputTokens: number | undefined;
  maxVideoSeconds: number | undefined;
  aspectRatios: readonly AspectRatio[];
}

export interface CatalogueEntry {
  id: string;
  displayName: string;
  provider: ProviderName;
  kind: ModelKind;
  /** Vendor id; the provider module may refine it (Bedrock puts an inference-profile prefix before it). */
  providerModelId: string;
  /**
   * Row data only the row's provider module reads, and checks: e.g. Bedrock's inference profiles,
   * or which Bedrock adapter draws an image row.
   */
  providerOptions?: Readonly<Record<string, unknown>>;
  capabilities: Capabilities;
  price: Price;
  lifecycle: Lifecycle;
}

export interface ListedModel extends CatalogueEntry {
  configured: boolean;
  /** Variables to set (alternatives joined by " or ") for the model to become configured. */
  missing: string[];
}
