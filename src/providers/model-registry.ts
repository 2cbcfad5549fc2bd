import type { Model } from '@strands-agents/sdk';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logger.js';
import { createCatalogue } from './catalogue.js';
import type { CatalogueEntry, Lifecycle, ListedModel, ModelKind } from './catalogue-entry.js';
import type { ImageModel } from './image-model.js';
import { assertCallable, lifecycleAt } from './lifecycle.js';
import { createModelResolver, type Resolution, type ResolveOptions } from './model-resolution.js';
import type {
  ChatContext,
  LifecycleReport,
  ModelTarget,
  ProviderAdapters,
  ProviderModule,
} from './provider-module.js';
import { type BreakerPolicy, BreakerRegistry, defaultBreakerPolicy } from './resilience/circuit-breaker.js';
import type { StartTimer } from './resilience/deadline.js';
import { imageModelWithFallbacks, videoModelWithFallbacks } from './resilience/fallback-media-models.js';
import type { ResiliencePolicy } from './resilience/resilience-policy.js';
import { ResilientChatModel } from './resilience/resilient-chat-model.js';
import { resilientImageModel } from './resilience/resilient-image-model.js';
import { resilientVideoModel } from './resilience/resilient-video-model.js';
import type { RetryPolicy, Sleep } from './resilience/retry.js';
import type { SamplingBridge } from './sampling/sampling-bridge.js';
import type { VideoModel } from './video-model.js';

export type { ModelRequest } from './model-request.js';
export type { Resolution, ResolveOptions } from './model-resolution.js';

export interface ModelRegistryDeps {
  config: Config;
  /** The providers served; default `providerModules`. A test registers its own provider here. */
  modules?: readonly ProviderModule[];
  /** Catalogue rows besides the built-in ones, e.g. a test-only provider's models. */
  extraEntries?: readonly CatalogueEntry[];
  now?: () => Date;
  logger?: Logger;
  /** Default sampling link when a call passes none (e.g. a single-client stdio server). */
  samplingBridge?: SamplingBridge;
  sleep?: Sleep;
  random?: () => number;
  startTimer?: StartTimer;
  breakerPolicy?: BreakerPolicy;
}

export interface ChatOptions {
  signal?: AbortSignal;
  sampling?: SamplingBridge;
  maxTokens?: number;
  /** Told which catalogue model answered (the asked one or a fallback). */
  onServed?: (catalogueId: string) => void;
}

export interface ModelRegistry {
  /** See `ModelResolver.resolve`: `explicit` is the call's own model argument. */
  resolve(kind: ModelKind, explicit?: string, options?: ResolveOptions): Resolution;
  /** The served rows with whether each is configured, their lifecycle as it stands now. */
  list(kind?: ModelKind): ListedModel[];
  /** Lifecycle a `models sync` stored, by catalogue id (the core reads it from the database). */
  useStoredLifecycle(stored: ReadonlyMap<string, Lifecycle>): void;
  /** Catalogue ids the server's settings name: defaults and the fallback chain. */
  configuredIds(): string[];
  /** Asks each configured provider that can tell for its models' lifecycle; one failure spoils no other. */
  readVendorLifecycle(): Promise<VendorLifecycle[]>;
  chat(catalogueId: string, options?: ChatOptions): Promise<ResilientChatModel>;
  image(catalogueId: string): Promise<ImageModel>;
  video(catalogueId: string): Promise<VideoModel>;
}

export type VendorLifecycle =
  | { provider: string; reports: LifecycleReport[] }
  | { provider: string; error: unknown };

const baseRetry = { baseDelayMs: 250, maxDelayMs: 8_000 };

export function createModelRegistry(deps: ModelRegistryDeps): ModelRegistry {
  const { config, now = () => new Date() } = deps;
  const catalogue = createCatalogue(config, { modules: deps.modules, extraEntries: deps.extraEntries });
  const { resolve, requireEntry, fallbacksOf } = createModelResolver(catalogue, config.models, now);
  const breakers = new BreakerRegistry(deps.breakerPolicy ?? defaultBreakerPolicy, () => now().getTime());
  const retry: RetryPolicy = { ...baseRetry, maxAttempts: config.models.maxAttempts };
  const adaptersByProvider = new Map<string, ProviderAdapters>();
  const chatCache = new Map<string, Promise<Model>>();
  const imageCache = new Map<string, Promise<ImageModel>>();
  const videoCache = new Map<string, Promise<VideoModel>>();

  /** The row as the catalogue holds it now: a sync may have changed its lifecycle since it was built. */
  function current(entry: CatalogueEntry): CatalogueEntry {
    return catalogue.find(entry.id) ?? entry;
  }

  function policyFor(entry: CatalogueEntry): ResiliencePolicy {
    return {
      retry,
      timeoutMs: config.models.timeoutMs,
      breaker: breakers.get(entry.provider, entry.id),
      sleep: deps.sleep,
      random: deps.random,
      startTimer: deps.startTimer,
      beforeCall: () => assertCallable(current(entry), now()),
      maxAnswerBytes: entry.kind === 'video' ? config.models.maxVideoBytes : config.models.maxImageBytes,
    };
  }

  /** A provider's adapters, made when its first row is asked for; they load nothing before that. */
  function adaptersOf(entry: CatalogueEntry): ProviderAdapters {
    const { module, settings } = catalogue.providerOf(entry);
    let adapters = adaptersByProvider.get(module.name);
    if (adapters === undefined) {
      adapters = module.adapters(settings);
      adaptersByProvider.set(module.name, adapters);
    }
    return adapters;
  }

  function targetOf(entry: CatalogueEntry): ModelTarget {
    return { entry, vendorModelId: catalogue.vendorModelId(entry) };
  }

  function noAdapter(kind: ModelKind, entry: CatalogueEntry): AppError {
    return new AppError('INTERNAL', `provider ${entry.provider} has no ${kind} adapter (model ${entry.id})`);
  }

  async function buildChat(entry: CatalogueEntry, context: ChatContext): Promise<Model> {
    const adapters = adaptersOf(entry);
    if (adapters.chat === undefined) throw noAdapter('chat', entry);
    const model = await adapters.chat(targetOf(entry), context);
    if (!entry.capabilities.noForcedToolChoice) return model;
    const { UnforcedToolChoiceModel } = await import('./unforced-tool-choice-model.js');
    return new UnforcedToolChoiceModel(model);
  }

  function chatModelOf(
    entry: CatalogueEntry,
    maxTokens: number | undefined,
    sampling: SamplingBridge | undefined,
  ): Promise<Model> {
    // client-sampling: its model answers through this call's client, so it is never kept.
    if (adaptersOf(entry).chatPerCall) return buildChat(entry, { maxTokens, sampling });
    // Kept per row and output cap: the cap is part of a Strands model's config.
    const key = maxTokens === undefined ? entry.id : `${entry.id}@${maxTokens}`;
    return cached(chatCache, key, () => buildChat(entry, { maxTokens }));
  }

  async function chat(catalogueId: string, options: ChatOptions = {}): Promise<ResilientChatModel> {
    const entry = requireEntry('chat', catalogueId);
    const sampling = options.sampling ?? deps.samplingBridge;
    const candidates = await Promise.all(
      [entry, ...fallbacksOf(entry)].map(async (candidate) => ({
        id: candidate.id,
        model: await chatModelOf(candidate, options.maxTokens, sampling),
        breaker: breakers.get(candidate.provider, candidate.id),
        beforeCall: () => assertCallable(current(candidate), now()),
      })),
    );
    // The wrapper is per call: it carries this call's signal and onServed.
    return new ResilientChatModel({
      candidates,
      retry,
      timeoutMs: config.models.timeoutMs,
      signal: options.signal,
      sleep: deps.sleep,
      random: deps.random,
      startTimer: deps.startTimer,
      onServed: (servedBy) => {
        if (servedBy !== catalogueId)
          deps.logger?.warn({ asked: catalogueId, servedBy }, 'chat answered by a fallback model');
        options.onServed?.(servedBy);
      },
    });
  }

  function resilientImage(entry: CatalogueEntry): Promise<ImageModel> {
    return cached(imageCache, entry.id, async () => {
      const adapters = adaptersOf(entry);
      if (adapters.image === undefined) throw noAdapter('image', entry);
      return resilientImageModel(await adapters.image(targetOf(entry)), policyFor(entry));
    });
  }

  function resilientVideo(entry: CatalogueEntry): Promise<VideoModel> {
    return cached(videoCache, entry.id, async () => {
      const adapters = adaptersOf(entry);
      if (adapters.video === undefined) throw noAdapter('video', entry);
      return resilientVideoModel(await adapters.video(targetOf(entry)), policyFor(entry));
    });
  }

  async function image(catalogueId: string): Promise<ImageModel> {
    const entry = requireEntry('image', catalogueId);
    const chain = [entry, ...fallbacksOf(entry)];
    const primary = await resilientImage(entry);
    if (chain.length === 1) return primary;
    return imageModelWithFallbacks(primary, chainOf(chain, resilientImage), ({ servedBy, failed }) => {
      if (servedBy !== catalogueId)
        deps.logger?.warn({ asked: catalogueId, servedBy, failed }, 'image answered by a fallback model');
    });
  }

  async function video(catalogueId: string): Promise<VideoModel> {
    const entry = requireEntry('video', catalogueId);
    const chain = [entry, ...fallbacksOf(entry)];
    const primary = await resilientVideo(entry);
    if (chain.length === 1) return primary;
    return videoModelWithFallbacks(primary, chainOf(chain, resilientVideo), async (operation) => {
      const owner = catalogue.find(operation.modelId);
      return owner?.kind === 'video' ? resilientVideo(owner) : undefined;
    });
  }

  async function readVendorLifecycle(): Promise<VendorLifecycle[]> {
    const byProvider = new Map<string, CatalogueEntry[]>();
    for (const entry of catalogue.entries())
      if (catalogue.missing(entry).length === 0)
        byProvider.set(entry.provider, [...(byProvider.get(entry.provider) ?? []), entry]);
    const asked = [...byProvider].flatMap(([provider, entries]) => {
      const adapters = adaptersOf(entries[0] as CatalogueEntry);
      return adapters.lifecycle === undefined ? [] : [{ provider, entries, read: adapters.lifecycle }];
    });
    return Promise.all(
      asked.map(async ({ provider, entries, read }): Promise<VendorLifecycle> => {
        try {
          return { provider, reports: await read(entries.map(targetOf)) };
        } catch (error) {
          return { provider, error };
        }
      }),
    );
  }

  function chainOf<T>(chain: CatalogueEntry[], modelOf: (entry: CatalogueEntry) => Promise<T>) {
    return chain.map((candidate) => ({ id: candidate.id, model: () => modelOf(candidate) }));
  }

  return {
    resolve,
    list: (kind) =>
      catalogue.list(kind).map((model) => ({ ...model, lifecycle: lifecycleAt(model.lifecycle, now()) })),
    useStoredLifecycle: (stored) => catalogue.useStoredLifecycle(stored),
    configuredIds: () =>
      [
        config.models.defaultChat,
        config.models.defaultImage,
        config.models.defaultVideo,
        ...config.models.fallbackChain,
      ].filter((id): id is string => id !== undefined),
    readVendorLifecycle,
    chat,
    image,
    video,
  };
}

/** One build per key; a failed build is forgotten, so the next call tries again. */
function cached<T>(cache: Map<string, Promise<T>>, key: string, build: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = build();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}
