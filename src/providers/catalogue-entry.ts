import type { Price } from '../credits/prices.js';
import type { AspectRatio } from './image-model.js';

export type ModelKind = 'chat' | 'image' | 'video';

/** A provider module's `name`. Open on purpose: a new provider is a module and its rows, not an edit here. */
export type ProviderName = string;

/**
 * What the vendor says of a model. `legacy` is Bedrock's word and `deprecated` Anthropic's and
 * Google's for the same thing: still served, with an end of life ahead. A date is `YYYY-MM-DD`
 * (UTC) and is the day the vendor turns the model off; `successor` is a catalogue id.
 */
export type LifecycleStatus = 'active' | 'legacy' | 'deprecated' | 'retired';

export interface Lifecycle {
  status: LifecycleStatus;
  endOfLife?: string | undefined;
  successor?: string | undefined;
  /** The vendor page (or API) this comes from. */
  source: string;
}

export interface Capabilities {
  tools: boolean;
  streaming: boolean;
  vision: boolean;
  maxOutputTokens: number | undefined;
  maxVideoSeconds: number | undefined;
  aspectRatios: readonly AspectRatio[];
  /** Video: the durations the model makes (asked durations are rounded up to one of them). */
  videoDurations?: readonly number[] | undefined;
  /** Image: the most images one call returns (default 4, what the tool allows). */
  maxImages?: number | undefined;
  /** Video: starts from an image (first frame); `false` refuses calls that bring one. */
  imageInput?: boolean | undefined;
  /** Chat: refuses a forced tool choice (structured output must not force its tool). */
  noForcedToolChoice?: boolean | undefined;
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
