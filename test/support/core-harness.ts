import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Model } from '@strands-agents/sdk';
import type { Clock } from '../../src/core/clock.js';
import type { CoreDeps } from '../../src/core/core-deps.js';
import { type Core, createCore } from '../../src/core/create-core.js';
import { InflightCalls } from '../../src/core/inflight-calls.js';
import { RateLimiter } from '../../src/core/rate-limiter.js';
import { CreditLedger } from '../../src/credits/ledger.js';
import { createLogger } from '../../src/logger.js';
import type { CatalogueEntry } from '../../src/providers/catalogue-entry.js';
import type { GeneratedImage, ImageModel } from '../../src/providers/image-model.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import type { ProviderModule } from '../../src/providers/provider-module.js';
import type { VideoModel } from '../../src/providers/video-model.js';
import { LocalStorage } from '../../src/storage/local/local-storage.js';
import type { StorageBackend } from '../../src/storage/storage-backend.js';
import { configFrom } from '../fakes/scripted-config.js';
import { ScriptedImageModel } from '../fakes/scripted-image-model.js';
import { ScriptedVideoModel } from '../fakes/scripted-video-model.js';
import { createPgliteDatabase, type TestDatabase } from './test-database.js';

const active = { status: 'active', source: 'test' } as const;
const media = { tools: false, streaming: false, vision: false, maxOutputTokens: undefined } as const;

/** The test provider's catalogue rows: one model of each kind, with plain prices. */
export const testModels: readonly CatalogueEntry[] = [
  {
    id: 'test-chat',
    displayName: 'Test chat',
    provider: 'test',
    kind: 'chat',
    providerModelId: 'test-chat-v1',
    capabilities: {
      tools: true,
      streaming: true,
      vision: false,
      maxOutputTokens: 4096,
      maxVideoSeconds: undefined,
      aspectRatios: [],
    },
    price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 2, reserve: 20 },
    lifecycle: active,
  },
  {
    // Priced like Claude Sonnet on Bedrock: the usual budget (2 turns × 150) exceeds a 100-credit user.
    id: 'test-claude',
    displayName: 'Test chat at Claude prices',
    provider: 'test',
    kind: 'chat',
    providerModelId: 'test-claude-v1',
    capabilities: {
      tools: true,
      streaming: true,
      vision: false,
      maxOutputTokens: 64_000,
      maxVideoSeconds: undefined,
      aspectRatios: [],
    },
    price: { unit: 'tokens', inputPer1k: 3, outputPer1k: 15, reserve: 150 },
    lifecycle: active,
  },
  {
    id: 'test-image',
    displayName: 'Test image',
    provider: 'test',
    kind: 'image',
    providerModelId: 'test-image-v1',
    capabilities: { ...media, maxVideoSeconds: undefined, aspectRatios: ['1:1', '16:9'] },
    price: { unit: 'image', perImage: 7 },
    lifecycle: active,
  },
  {
    id: 'test-video',
    displayName: 'Test video',
    provider: 'test',
    kind: 'video',
    providerModelId: 'test-video-v1',
    capabilities: { ...media, maxVideoSeconds: 10, aspectRatios: ['16:9'] },
    price: { unit: 'video-second', perSecond: 3 },
    lifecycle: active,
  },
];

/** A clock the test moves by hand; ids stay random. */
export function manualClock(start = new Date('2026-11-30T10:00:00Z')) {
  let now = start.getTime();
  const clock: Clock & { advance(seconds: number): void } = {
    now: () => new Date(now),
    newId: () => randomUUID(),
    advance: (seconds) => {
      now += seconds * 1000;
    },
  };
  return clock;
}

export interface CoreHarnessOptions {
  /** Replaces the ledger (e.g. one whose capture fails). */
  ledger?: (options: ConstructorParameters<typeof CreditLedger>[0]) => CreditLedger;
  /** Wraps the local storage (e.g. one whose put fails). */
  storage?: (local: StorageBackend) => StorageBackend;
  chatModel?: Model;
  /** Real catalogue providers whose rows the scripted test adapters also serve (their real prices). */
  alsoServe?: string[];
  /** Told the output cap of each chat model the registry builds. */
  onChatModel?: (maxTokens: number | undefined) => void;
  credits?: number;
}

export interface CoreHarness {
  core: Core;
  deps: CoreDeps;
  test: TestDatabase;
  clock: ReturnType<typeof manualClock>;
  image: ScriptedImageModel;
  /** Set by a test: errors the next image calls throw, and how long each waits first (until aborted). */
  imageHooks: { failures: Error[]; delayMs: number; answer: GeneratedImage[] | undefined };
  video: ScriptedVideoModel;
  userId: string;
  otherUserId: string;
  close(): Promise<void>;
}

/** The core over a real (PGlite) database, local-disk storage and a test provider registered through the modules list. */
export async function createCoreHarness(options: CoreHarnessOptions = {}): Promise<CoreHarness> {
  const test = await createPgliteDatabase();
  const root = await mkdtemp(path.join(tmpdir(), 'adengine-core-'));
  const clock = manualClock();
  const image = new ScriptedImageModel({ modelId: 'test-image', provider: 'test' });
  const video = new ScriptedVideoModel({ modelId: 'test-video', provider: 'test' });
  const imageHooks = {
    failures: [] as Error[],
    delayMs: 0,
    answer: undefined as GeneratedImage[] | undefined,
  };
  // The scripted model behind hooks a test sets: the next call fails, or waits until aborted.
  const hookedImage: ImageModel = {
    provider: image.provider,
    modelId: image.modelId,
    async generate(request) {
      if (imageHooks.delayMs > 0) await delay(imageHooks.delayMs, undefined, { signal: request.signal });
      const failure = imageHooks.failures.shift();
      if (failure !== undefined) throw failure;
      if (imageHooks.answer !== undefined) return imageHooks.answer;
      return image.generate(request);
    },
  };
  const testModule: ProviderModule = {
    name: 'test',
    settings: () => ({}),
    missing: () => [],
    adapters: () => ({
      ...(options.chatModel === undefined
        ? {}
        : {
            chat: async (_target: unknown, context: { maxTokens?: number }) => {
              options.onChatModel?.(context.maxTokens);
              return options.chatModel as Model;
            },
          }),
      image: async () => hookedImage,
      video: async () => video as VideoModel,
    }),
  };
  const config = configFrom({
    DEFAULT_CHAT_MODEL: 'test-chat',
    DEFAULT_IMAGE_MODEL: 'test-image',
    DEFAULT_VIDEO_MODEL: 'test-video',
  });
  const registry = createModelRegistry({
    config,
    modules: [testModule, ...(options.alsoServe ?? []).map((name) => ({ ...testModule, name }))],
    extraEntries: testModels,
    now: clock.now,
    sleep: async () => undefined,
  });
  const ledgerOptions = { db: test.db, now: clock.now, newId: clock.newId, holdTtlSeconds: 600 };
  const ledger = options.ledger?.(ledgerOptions) ?? new CreditLedger(ledgerOptions);
  const local = new LocalStorage({
    root,
    publicBaseUrl: 'http://127.0.0.1:9',
    secret: randomBytes(32).toString('base64url'),
  });
  const storage = options.storage?.(local) ?? local;
  const deps: CoreDeps = {
    db: test.db,
    ledger,
    rateLimiter: new RateLimiter({ userPerMinute: 10_000, providerPerMinute: 10_000 }),
    storage: async () => storage,
    models: async () => registry,
    logger: createLogger('silent'),
    clock,
    inflight: new InflightCalls(),
    settings: { holdTtlSeconds: 600, initialLocalCredits: 0, fallbackChain: [] },
  };
  const core = createCore(deps);
  const user = await core.createUser({
    email: `core-${randomUUID()}@example.com`,
    credits: options.credits ?? 100,
  });
  const other = await core.createUser({ email: `other-${randomUUID()}@example.com`, credits: 100 });
  return {
    core,
    deps,
    test,
    clock,
    image,
    imageHooks,
    video,
    userId: user.id,
    otherUserId: other.id,
    close: async () => {
      await test.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
