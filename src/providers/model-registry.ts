import type { Model } from '@strands-agents/sdk';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logger.js';
import {
  type CatalogueEntry,
  findModel,
  listCatalogue,
  type ModelKind,
  missingFor,
  resolveProviderModelId,
} from './catalogue.js';
import type { ImageModel } from './image-model.js';
import { assertCallable, lifecycleState, lifecycleWarning } from './lifecycle.js';
import {
  createDefaultProviderFactories,
  type ProviderFactories,
  type SamplingBridge,
} from './provider-factories.js';
import { type BreakerPolicy, BreakerRegistry, defaultBreakerPolicy } from './resilience/circuit-breaker.js';
import type { StartTimer } from './resilience/deadline.js';
import { runWithFallback } from './resilience/fallback.js';
import type { ResiliencePolicy } from './resilience/resilience-policy.js';
import { ResilientChatModel } from './resilience/resilient-chat-model.js';
import { resilientImageModel } from './resilience/resilient-image-model.js';
import { resilientVideoModel } from './resilience/resilient-video-model.js';
import type { RetryPolicy, Sleep } from './resilience/retry.js';
import type { VideoModel, VideoOperation, VideoRequest } from './video-model.js';

export interface ModelRegistryDeps {
  config: Config;
  now?: () => Date;
  logger?: Logger;
  /** Default sampling link when a call passes none (e.g. a single-client stdio server). */
  samplingBridge?: SamplingBridge;
  /** Replaces the vendor adapters (tests). */
  factories?: Partial<ProviderFactories>;
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

export interface Resolution {
  entry: CatalogueEntry;
  /** Legacy-model notices for the client, as log notifications. */
  warnings: string[];
}

export interface ModelRegistry {
  resolve(kind: ModelKind, preferred?: string): Resolution;
  chat(catalogueId: string, options?: ChatOptions): Promise<ResilientChatModel>;
  image(catalogueId: string): Promise<ImageModel>;
  video(catalogueId: string): Promise<VideoModel>;
}

const baseRetry = { baseDelayMs: 250, maxDelayMs: 8_000 };

export function createModelRegistry(deps: ModelRegistryDeps): ModelRegistry {
  const { config, now = () => new Date() } = deps;
  const factories: ProviderFactories = { ...createDefaultProviderFactories(config), ...deps.factories };
  const breakers = new BreakerRegistry(deps.breakerPolicy ?? defaultBreakerPolicy, () => now().getTime());
  const retry: RetryPolicy = { ...baseRetry, maxAttempts: config.models.maxAttempts };
  const imageCache = new Map<string, Promise<ImageModel>>();
  const videoCache = new Map<string, Promise<VideoModel>>();

  function policyFor(entry: CatalogueEntry): ResiliencePolicy {
    return {
      retry,
      timeoutMs: config.models.timeoutMs,
      breaker: breakers.get(entry.provider, entry.id),
      sleep: deps.sleep,
      random: deps.random,
      startTimer: deps.startTimer,
      beforeCall: () => assertCallable(entry, now()),
    };
  }

  /** Unknown id → INVALID_INPUT; wrong kind → INVALID_INPUT; not configured → PROVIDER_NOT_CONFIGURED. */
  function requireEntry(kind: ModelKind, id: string): CatalogueEntry {
    const entry = findModel(id);
    const known = listCatalogue(config, kind).map((candidate) => candidate.id);
    if (entry === undefined)
      throw new AppError('INVALID_INPUT', `unknown model "${id}"; ${kind} models are: ${known.join(', ')}`);
    if (entry.kind !== kind)
      throw new AppError(
        'INVALID_INPUT',
        `model "${id}" is a ${entry.kind} model, not a ${kind} model; choose one of: ${known.join(', ')}`,
      );
    const missing = missingFor(entry, config);
    if (missing.length > 0) {
      throw new AppError(
        'PROVIDER_NOT_CONFIGURED',
        `model ${id} is not configured: set ${missing.join('; ')}`,
        { details: { model: id, missing } },
      );
    }
    return entry;
  }

  /** The configured chain after `entry` (or all of it when `entry` is not in it), same kind only. */
  function fallbacksOf(entry: CatalogueEntry): CatalogueEntry[] {
    const chain = config.models.fallbackChain;
    const position = chain.indexOf(entry.id);
    const rest = position === -1 ? chain : chain.slice(position + 1);
    return rest
      .map((id) => findModel(id))
      .filter(
        (candidate): candidate is CatalogueEntry =>
          candidate !== undefined && candidate.kind === entry.kind && candidate.id !== entry.id,
      )
      .filter((candidate) => missingFor(candidate, config).length === 0);
  }

  function defaultFor(kind: ModelKind): string | undefined {
    return kind === 'chat'
      ? config.models.defaultChat
      : kind === 'image'
        ? config.models.defaultImage
        : config.models.defaultVideo;
  }

  function resolve(kind: ModelKind, preferred?: string): Resolution {
    const chosen = preferred ?? defaultFor(kind);
    if (chosen !== undefined) {
      const entry = requireEntry(kind, chosen);
      assertCallable(entry, now());
      const warning = lifecycleWarning(entry, now());
      return { entry, warnings: warning === undefined ? [] : [warning] };
    }
    // Automatic choice: only active, configured models.
    const listed = listCatalogue(config, kind);
    const entry = listed.find(
      (candidate) => candidate.configured && lifecycleState(candidate, now()) === 'active',
    );
    if (entry === undefined) {
      const options = listed
        .filter((candidate) => lifecycleState(candidate, now()) === 'active')
        .map((candidate) => `${candidate.id} (set ${candidate.missing.join('; ')})`);
      throw new AppError(
        'PROVIDER_NOT_CONFIGURED',
        `no ${kind} model is configured; configure one of: ${options.join(', ')}`,
      );
    }
    return { entry: findModel(entry.id) as CatalogueEntry, warnings: [] };
  }

  async function chat(catalogueId: string, options: ChatOptions = {}): Promise<ResilientChatModel> {
    const entry = requireEntry('chat', catalogueId);
    const sampling = options.sampling ?? deps.samplingBridge;
    const candidates = await Promise.all(
      [entry, ...fallbacksOf(entry)].map(async (candidate) => {
        const model: Model = await factories.chat(candidate, {
          providerModelId: resolveProviderModelId(candidate, config),
          maxTokens: options.maxTokens,
          sampling,
        });
        return {
          id: candidate.id,
          model,
          breaker: breakers.get(candidate.provider, candidate.id),
          beforeCall: () => assertCallable(candidate, now()),
        };
      }),
    );
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

  function cached<T>(
    cache: Map<string, Promise<T>>,
    entry: CatalogueEntry,
    build: () => Promise<T>,
  ): Promise<T> {
    let value = cache.get(entry.id);
    if (value === undefined) {
      value = build();
      cache.set(entry.id, value);
      value.catch(() => cache.delete(entry.id));
    }
    return value;
  }

  function resilientImage(entry: CatalogueEntry): Promise<ImageModel> {
    return cached(imageCache, entry, async () =>
      resilientImageModel(
        await factories.image(entry, resolveProviderModelId(entry, config)),
        policyFor(entry),
      ),
    );
  }

  function resilientVideo(entry: CatalogueEntry): Promise<VideoModel> {
    return cached(videoCache, entry, async () =>
      resilientVideoModel(
        await factories.video(entry, resolveProviderModelId(entry, config)),
        policyFor(entry),
      ),
    );
  }

  async function image(catalogueId: string): Promise<ImageModel> {
    const entry = requireEntry('image', catalogueId);
    const chain = [entry, ...fallbacksOf(entry)];
    const primary = await resilientImage(entry);
    if (chain.length === 1) return primary;
    return {
      provider: primary.provider,
      modelId: primary.modelId,
      async generate(request) {
        const result = await runWithFallback(
          chain.map((candidate) => ({
            id: candidate.id,
            missing: [],
            run: async () => (await resilientImage(candidate)).generate(request),
          })),
        );
        if (result.servedBy !== catalogueId)
          deps.logger?.warn(
            { asked: catalogueId, servedBy: result.servedBy, failed: result.failed },
            'image answered by a fallback model',
          );
        return result.value;
      },
    };
  }

  async function video(catalogueId: string): Promise<VideoModel> {
    const entry = requireEntry('video', catalogueId);
    const chain = [entry, ...fallbacksOf(entry)];
    const primary = await resilientVideo(entry);
    if (chain.length === 1) return primary;
    return {
      provider: primary.provider,
      modelId: primary.modelId,
      async start(request: VideoRequest) {
        // The operation names the model that took the job, so status goes back to it.
        const result = await runWithFallback(
          chain.map((candidate) => ({
            id: candidate.id,
            missing: [],
            run: async () => (await resilientVideo(candidate)).start(request),
          })),
        );
        return result.value;
      },
      async status(operation: VideoOperation, signal?: AbortSignal) {
        const owner = findModel(operation.modelId);
        const model = owner === undefined || owner.kind !== 'video' ? primary : await resilientVideo(owner);
        return model.status(operation, signal);
      },
    };
  }

  return { resolve, chat, image, video };
}
