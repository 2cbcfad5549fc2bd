import type { BaseModelConfig, Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { Model } from '@strands-agents/sdk';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Caller, plainCaller } from '../../src/core/caller.js';
import { CreditLedger } from '../../src/credits/ledger.js';
import { createLogger } from '../../src/logger.js';
import { openRuntime } from '../../src/main/runtime.js';
import type { ProviderModule } from '../../src/providers/provider-module.js';
import { configFrom } from '../fakes/scripted-config.js';
import { ScriptedStrandsModel, structuredTurn } from '../fakes/scripted-strands-model.js';
import { appErrorOf } from '../support/app-error-of.js';
import {
  type CoreHarness,
  type CoreHarnessOptions,
  createCoreHarness,
  testModels,
} from '../support/core-harness.js';
import { sampleInsight, sampleMetaVariant } from '../support/sample-answers.js';

const insight = sampleInsight;
const variant = sampleMetaVariant;

/** Replaces the usage a scripted model reports with `usage` (or drops it), as a misbehaving server would. */
class ReportsUsage extends Model<BaseModelConfig> {
  constructor(
    private readonly inner: Model<BaseModelConfig>,
    private readonly usage: unknown,
  ) {
    super();
  }
  updateConfig(config: BaseModelConfig): void {
    this.inner.updateConfig(config);
  }
  getConfig(): BaseModelConfig {
    return this.inner.getConfig();
  }
  async *stream(messages: Message[], options?: StreamOptions): AsyncGenerator<ModelStreamEvent> {
    for await (const event of this.inner.stream(messages, options)) {
      if (event.type !== 'modelMetadataEvent') yield event;
      else if (this.usage !== 'absent') yield { ...event, usage: this.usage } as ModelStreamEvent;
    }
  }
}

/** The defects, one test each, through the core in process. */
describe('credits are exact on every path', () => {
  let h: CoreHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async (options: CoreHarnessOptions = {}) => {
    h = await createCoreHarness(options);
    return h;
  };
  const money = async (harness: CoreHarness, userId = harness.userId) => {
    const { history: _history, ...balance } = await harness.core.readCredits(plainCaller(userId), {
      historyLimit: 0,
    });
    return balance;
  };
  const storedAssets = async (harness: CoreHarness) =>
    (await sql<{ count: number }>`select count(*)::int as count from assets`.execute(harness.test.db)).rows[0]
      ?.count;

  it('a generate_image of 4 cancelled after the first progress keeps nothing and charges nothing', async () => {
    const harness = await start();
    const controller = new AbortController();
    const caller: Caller = {
      ...plainCaller(harness.userId, controller.signal),
      progress: async (progress) => {
        if (progress === 1) controller.abort('user cancelled');
      },
    };
    const error = await appErrorOf(
      harness.core.generateImages(caller, { prompt: 'four cats', aspectRatio: '1:1', count: 4 }),
    );
    expect(error.code).toBe('CANCELLED');
    expect((await harness.core.listAssets(plainCaller(harness.userId), { limit: 10 })).assets).toEqual([]);
    expect(await storedAssets(harness)).toBe(0);
    expect(await money(harness)).toEqual({ balance: 100, held: 0, available: 100 });
  });

  it('a lone surrogate or NUL in the input is refused naming the field, before any provider or charge', async () => {
    const harness = await start();
    const caller = plainCaller(harness.userId);
    const surrogate = await appErrorOf(
      harness.core.generateImages(caller, {
        prompt: 'fire 🔥'.slice(0, -1),
        aspectRatio: '1:1',
        count: 1,
        idempotencyKey: 'k',
      }),
    );
    expect(surrogate.code).toBe('INVALID_INPUT');
    expect(surrogate.message).toMatch(/^prompt: /);
    const nul = await appErrorOf(
      harness.core.generateImages(caller, {
        prompt: 'a\u0000b',
        aspectRatio: '1:1',
        count: 1,
        idempotencyKey: 'k',
      }),
    );
    expect(nul.message).toMatch(/^prompt: .*NUL/);
    expect(harness.image.requests).toHaveLength(0);
    // The key was never claimed: a good call with it runs and charges once.
    await harness.core.generateImages(caller, {
      prompt: 'fire',
      aspectRatio: '1:1',
      count: 1,
      idempotencyKey: 'k',
    });
    expect(await money(harness)).toEqual({ balance: 93, held: 0, available: 93 });
  });

  it('a model answer with a lone surrogate and NUL is cleaned, recorded and charged once', async () => {
    const dirty = { ...insight, summary: `Remote\u0000 workers ${'🔥'.slice(0, 1)}` };
    const harness = await start({
      chatModel: new ScriptedStrandsModel([structuredTurn(dirty, { inputTokens: 1000, outputTokens: 1000 })]),
    });
    const caller = plainCaller(harness.userId);
    const first = await harness.core.analyseMarket(caller, { product: 'Coffee', idempotencyKey: 'm' });
    expect(first.summary).toBe('Remote workers \uFFFD');
    expect(first.creditsCharged).toBe(3);
    const again = await harness.core.analyseMarket(caller, { product: 'Coffee', idempotencyKey: 'm' });
    expect(again).toMatchObject({ summary: 'Remote workers \uFFFD', creditsCharged: 0, replayed: true });
    expect(await money(harness)).toEqual({ balance: 97, held: 0, available: 97 });
  });

  it('every process sweeps at start: a hold left by a dead process, and what it stored, are gone at once', async () => {
    const harness = await start();
    const hold = await harness.deps.ledger.reserve({
      userId: harness.userId,
      amount: 40,
      idempotencyKey: 'dead-call',
      ttlSeconds: 60,
    });
    await sql`insert into assets (id, user_id, kind, storage_key, mime_type, bytes, pending_call, created_at)
      values (gen_random_uuid()::text, ${harness.userId}, 'image', 'users/x/image/dead.png', 'image/png', 1, 'dead-call',
              ${new Date(harness.clock.now().getTime() - 3600_000)})`.execute(harness.test.db);
    harness.clock.advance(120);
    const runtime = await openRuntime(configFrom({}), createLogger('silent'), {
      db: harness.test.db,
      storage: await harness.deps.storage(),
      clock: harness.clock,
      modules: [] as ProviderModule[],
    });
    runtime.start();
    await expect.poll(async () => (await money(harness)).held, { timeout: 5000 }).toBe(0);
    await expect.poll(() => storedAssets(harness), { timeout: 5000 }).toBe(0);
    expect((await harness.deps.ledger.balance(harness.userId)).balance).toBe(100);
    expect(hold.status).toBe('open');
    await runtime.stop();
  });

  it.each([
    ['missing', 'absent'],
    ['negative', { inputTokens: -5, outputTokens: -1 }],
    ['strings', { inputTokens: '900', outputTokens: 'lots' }],
    ['zero for real text', { inputTokens: 0, outputTokens: 0 }],
  ])('usage that is %s is counted from the text instead: a paid call never costs 0', async (_name, usage) => {
    const harness = await start({
      chatModel: new ReportsUsage(new ScriptedStrandsModel([structuredTurn(insight)]), usage),
    });
    const answer = await harness.core.analyseMarket(plainCaller(harness.userId), { product: 'Coffee' });
    // Counted as bytes of the request and the answer, priced at test-chat's 1 and 2 credits per 1k.
    expect(answer.creditsCharged).toBeGreaterThan(0);
    expect(answer.creditsCharged).toBeLessThanOrEqual(40);
    expect((await money(harness)).balance).toBe(100 - answer.creditsCharged);
  });

  it('a video whose capture fails for a moment is retried and charged; one that cannot settle stays running', async () => {
    let failures = 2;
    class FlakyCapture extends CreditLedger {
      override capture(...args: Parameters<CreditLedger['capture']>) {
        if (failures-- > 0)
          return Promise.reject(Object.assign(new Error('connection reset'), { code: 'ECONNRESET' }));
        return super.capture(...args);
      }
    }
    const harness = await start({ ledger: (options) => new FlakyCapture(options) });
    const caller = plainCaller(harness.userId);
    const job = await harness.core.startVideoJob(caller, {
      prompt: 'waves',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    await harness.video.completeAll();
    harness.clock.advance(3);
    await harness.core.advanceDueJobs({ limit: 10, stopped: () => false });
    expect(await harness.core.readJob(caller, job.jobId)).toMatchObject({
      status: 'succeeded',
      creditsCharged: 6,
      note: null,
    });
    expect(await money(harness)).toEqual({ balance: 94, held: 0, available: 94 });

    failures = 1_000;
    const stuck = await harness.core.startVideoJob(caller, {
      prompt: 'rain',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    await harness.video.completeAll();
    harness.clock.advance(3);
    await harness.core.advanceDueJobs({ limit: 10, stopped: () => false });
    // Not delivered uncharged: still running, its video hidden and removed, its hold still held.
    expect(await harness.core.readJob(caller, stuck.jobId)).toMatchObject({ status: 'running', assets: [] });
    expect((await money(harness)).held).toBe(6);
    expect(await storedAssets(harness)).toBe(1);
    failures = 0;
    harness.clock.advance(61);
    await harness.core.advanceDueJobs({ limit: 10, stopped: () => false });
    expect(await harness.core.readJob(caller, stuck.jobId)).toMatchObject({
      status: 'succeeded',
      creditsCharged: 6,
    });
    expect(await money(harness)).toEqual({ balance: 88, held: 0, available: 88 });
  });

  it('a video whose hold expired is delivered uncharged, and the job says so', async () => {
    const harness = await start();
    const caller = plainCaller(harness.userId);
    const job = await harness.core.startVideoJob(caller, {
      prompt: 'dusk',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    harness.clock.advance(4 * 60 * 60);
    await harness.deps.ledger.sweepExpiredHolds(harness.clock.now());
    await harness.video.completeAll();
    // Past the job's own age limit it would fail: move the job's birth with the clock.
    await sql`update generation_jobs set created_at = ${harness.clock.now()}, next_poll_at = ${harness.clock.now()}`.execute(
      harness.test.db,
    );
    await harness.core.advanceVideoJob(job.jobId);
    const view = await harness.core.readJob(caller, job.jobId);
    expect(view).toMatchObject({ status: 'succeeded', creditsCharged: 0 });
    expect(view.note).toMatch(/uncharged: its credit hold had expired/);
    expect(await money(harness)).toEqual({ balance: 100, held: 0, available: 100 });
  });

  it('a 100-credit user runs create_ad_creative on a Claude-priced model, bounded to what it has', async () => {
    const harness = await start({
      chatModel: new ScriptedStrandsModel([
        structuredTurn({ variants: [variant] }, { inputTokens: 3000, outputTokens: 400 }),
      ]),
    });
    const caller = plainCaller(harness.userId);
    await harness.core.setPreferences(caller, { chatModel: 'test-claude' });
    const estimate = await harness.core.estimateCost(
      { ...caller },
      {
        tool: 'create_ad_creative',
        input: { product: 'Coffee', platforms: ['meta'], variants: 1, includeImage: false },
      },
    );
    expect(estimate).toMatchObject({
      hold: 100,
      available: 100,
      affordable: true,
      credits: { min: 1, max: 100 },
    });
    const creative = await harness.core.writeAdCopy(caller, {
      product: 'Coffee',
      platforms: ['meta'],
      variants: 1,
      includeImage: false,
    });
    // 3,000 in at 3 and 400 out at 15 credits per 1k.
    expect(creative.creditsCharged).toBe(15);
    expect(creative.creditsCharged).toBeGreaterThanOrEqual(estimate.credits.min);
    expect(creative.creditsCharged).toBeLessThanOrEqual(estimate.credits.max);
    expect(await money(harness)).toEqual({ balance: 85, held: 0, available: 85 });
  });

  it('a 100-credit user runs create_ad_creative on the catalogue’s Claude model, at its real price', async () => {
    const harness = await start({
      alsoServe: ['bedrock'],
      chatModel: new ScriptedStrandsModel([
        structuredTurn({ variants: [variant] }, { inputTokens: 3000, outputTokens: 400 }),
      ]),
    });
    const caller = plainCaller(harness.userId);
    const claude = (await harness.core.listModels('chat')).find(
      (model) =>
        model.provider === 'bedrock' && model.id.startsWith('claude') && model.lifecycle.status === 'active',
    );
    expect(claude, 'an active Claude chat model in the catalogue').toBeDefined();
    await harness.core.setPreferences(caller, { chatModel: claude?.id ?? '' });
    const creative = await harness.core.writeAdCopy(caller, {
      product: 'Coffee',
      platforms: ['meta'],
      variants: 1,
      includeImage: false,
    });
    const { inputPer1k, outputPer1k } = claude?.price.credits ?? {};
    expect(creative.model.id).toBe(claude?.id);
    expect(creative.creditsCharged).toBe(
      Math.ceil((3000 * (inputPer1k ?? 0) + 400 * (outputPer1k ?? 0)) / 1000),
    );
    expect((await money(harness)).balance).toBe(100 - creative.creditsCharged);
  });

  it('maxCredits: a call that cannot fit is refused before any model runs; one that fits never costs more', async () => {
    const harness = await start({
      chatModel: new ScriptedStrandsModel([
        structuredTurn(insight, { inputTokens: 1000, outputTokens: 1000 }),
      ]),
    });
    const caller = plainCaller(harness.userId);
    const images = await appErrorOf(
      harness.core.generateImages(caller, { prompt: 'cats', aspectRatio: '1:1', count: 3, maxCredits: 20 }),
    );
    expect(images.code).toBe('BUDGET_EXCEEDED');
    expect(harness.image.requests).toHaveLength(0);
    const video = await appErrorOf(
      harness.core.startVideoJob(caller, {
        prompt: 'sea',
        durationSeconds: 4,
        aspectRatio: '16:9',
        maxCredits: 11,
      }),
    );
    expect(video.code).toBe('BUDGET_EXCEEDED');
    const chat = await appErrorOf(harness.core.analyseMarket(caller, { product: 'Coffee', maxCredits: 1 }));
    expect(chat.code).toBe('BUDGET_EXCEEDED');
    expect(await money(harness)).toEqual({ balance: 100, held: 0, available: 100 });
    const estimate = await harness.core.estimateCost(caller, {
      tool: 'analyze_market',
      input: { product: 'Coffee', maxCredits: 9 },
    });
    expect(estimate.hold).toBe(9);
    const answer = await harness.core.analyseMarket(caller, { product: 'Coffee', maxCredits: 9 });
    expect(answer.creditsCharged).toBeLessThanOrEqual(9);
  });

  it('a chat turn is capped at what the budget has left; a budget spent before the answer charges nothing', async () => {
    const seen: Array<number | undefined> = [];
    const model = new ScriptedStrandsModel([
      structuredTurn(insight, { inputTokens: 500, outputTokens: 100 }),
    ]);
    const harness = await start({ chatModel: model, onChatModel: (maxTokens) => seen.push(maxTokens) });
    const caller = plainCaller(harness.userId);
    await harness.core.setPreferences(caller, { chatModel: 'test-claude' });
    await harness.core.analyseMarket(caller, { product: 'Coffee', maxCredits: 30 });
    // 30 credits less the bounded input (its bytes at 3 per 1k), at 15 credits per 1k out: under 2,000 tokens.
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen.map((cap) => cap ?? Number.POSITIVE_INFINITY))).toBeLessThan(2000);
  });

  it('an image the provider says is 4294967295 px wide is refused: nothing stored, nothing charged', async () => {
    const harness = await start();
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(0xffffffff, 16);
    png.writeUInt32BE(0xffffffff, 20);
    harness.imageHooks.answer = [
      { bytes: new Uint8Array(png), mimeType: 'image/png', width: 0xffffffff, height: 0xffffffff },
    ];
    const error = await appErrorOf(
      harness.core.generateImages(plainCaller(harness.userId), { prompt: 'x', aspectRatio: '1:1', count: 1 }),
    );
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(await storedAssets(harness)).toBe(0);
    expect(await money(harness)).toEqual({ balance: 100, held: 0, available: 100 });
    expect(testModels.length).toBeGreaterThan(0);
  });
});
