import type { Model } from '@strands-agents/sdk';
import type { Config } from '../config/config.js';
import type { CatalogueEntry, Lifecycle } from './catalogue-entry.js';
import type { ImageModel } from './image-model.js';
import type { SamplingBridge } from './sampling/sampling-bridge.js';
import type { VideoModel } from './video-model.js';

/** A catalogue row as the registry asks its provider to serve it. */
export interface ModelTarget {
  entry: CatalogueEntry;
  /** What the vendor is sent: the module's `vendorModelId`, else the row's `providerModelId`. */
  vendorModelId: string;
}

/** What a chat call brings besides the row. */
export interface ChatContext {
  maxTokens?: number;
  /** The calling MCP client's `sampling/createMessage`, when there is one. */
  sampling?: SamplingBridge;
}

/** What a provider's own API says of one catalogue row (rows it says nothing of are left out). */
export interface LifecycleReport {
  id: string;
  lifecycle: Lifecycle;
}

/** One provider's adapters over one settings value. */
export interface ProviderAdapters {
  chat?(target: ModelTarget, context: ChatContext): Promise<Model>;
  /** Set when the chat model depends on the call (its sampling bridge), so it cannot be built once and kept. */
  readonly chatPerCall?: boolean;
  image?(target: ModelTarget): Promise<ImageModel>;
  video?(target: ModelTarget): Promise<VideoModel>;
  /** Reads the models' lifecycle from the provider's own API (`adengine models sync`). */
  lifecycle?(targets: readonly ModelTarget[]): Promise<LifecycleReport[]>;
}

/**
 * Everything the registry knows about a provider; each vendor folder exports one. A module file
 * stays cheap to import (stdio start-up is benchmarked): vendor SDKs and Strands are imported
 * inside its adapters, on first use.
 */
export interface ProviderModule<Settings = unknown> {
  /** The `provider` of its catalogue rows. */
  readonly name: string;
  /** Its own slice of the parsed config; nothing else of the config reaches the provider. */
  settings(config: Config): Settings;
  /** Variables to set (alternatives joined by " or ") before `entry` can be called; empty when it can. */
  missing(entry: CatalogueEntry, settings: Settings): string[];
  /** The id sent to the vendor when it is not the row's `providerModelId`. */
  vendorModelId?(entry: CatalogueEntry, settings: Settings): string;
  /** Called once per registry; SDK clients are built on first use and then kept. */
  adapters(settings: Settings): ProviderAdapters;
}
