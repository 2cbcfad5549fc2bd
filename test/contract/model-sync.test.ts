import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../src/core/core-deps.js';
import { type Core, createCore } from '../../src/core/create-core.js';
import { listStoredLifecycle } from '../../src/db/repositories/model-lifecycle.js';
import { createLogger } from '../../src/logger.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { type BedrockFake, bedrockEnv, startBedrockFake } from '../fakes/bedrock-fake.js';
import { awsTestConfig } from '../fakes/bedrock-test-config.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { manualClock } from '../support/core-harness.js';
import { createPgliteDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * `adengine models sync` through the real Bedrock and Gemini modules and SDK clients, against
 * the stand-ins' ListFoundationModels and models.list.
 */
let bedrock: BedrockFake;
let gemini: GeminiFake;
let test: TestDatabase;
const clock = manualClock(new Date('2026-11-30T10:00:00Z'));

function coreFor(environment: Record<string, string>): Core {
  const config = awsTestConfig({
    ...bedrockEnv(bedrock),
    GEMINI_API_KEY: gemini.apiKey,
    GEMINI_BASE_URL: gemini.baseUrl,
    ...environment,
  });
  const registry = createModelRegistry({ config, now: clock.now });
  // Only what sync, listing and warnings use: a fresh registry per "process", one database.
  const deps: Pick<CoreDeps, 'db' | 'models' | 'clock' | 'logger'> = {
    db: test.db,
    models: async () => registry,
    clock,
    logger: createLogger('silent'),
  };
  return createCore(deps as CoreDeps);
}

beforeAll(async () => {
  [bedrock, gemini, test] = await Promise.all([
    startBedrockFake(),
    GeminiFake.start(),
    createPgliteDatabase(),
  ]);
});

afterAll(async () => {
  await Promise.all([bedrock?.close(), gemini?.close(), test?.close()]);
});

describe('models sync against the Bedrock and Gemini stand-ins', () => {
  it('reads both providers, stores what they say and reports a model whose status flips between syncs', async () => {
    const core = coreFor({});
    const first = await core.syncModels();
    expect(first.providers).toEqual(
      expect.arrayContaining([
        { provider: 'bedrock', ok: true, models: 8 },
        { provider: 'gemini', ok: true, models: 10 },
      ]),
    );
    // The catalogue already knows what the stand-ins say: nothing changes.
    expect(first.changes).toEqual([]);
    expect(bedrock.requests.some((request) => request.operation === 'converse')).toBe(false);

    // Bedrock moves Qwen3 32B to legacy with an end of life; Google shuts Gemini 3.1 Pro preview down.
    const qwen = bedrock.foundationModels.find((row) => row.modelId === 'qwen.qwen3-32b-v1:0');
    if (qwen === undefined) throw new Error('the stand-in lists no Qwen3 32B');
    qwen.status = 'LEGACY';
    qwen.endOfLife = '2027-03-01';
    gemini.shutDown('gemini-3.1-pro-preview');
    const second = await core.syncModels();
    expect(second.changes).toEqual(
      expect.arrayContaining([
        { model: 'qwen3-32b', provider: 'bedrock', from: 'active', to: 'legacy', endOfLife: '2027-03-01' },
        { model: 'gemini-3.1-pro-preview', provider: 'gemini', from: 'active', to: 'retired' },
      ]),
    );
    expect(second.changes).toHaveLength(2);

    // Stored, so another process (its own registry) sees it on its next call.
    const stored = await listStoredLifecycle(test.db);
    expect(stored.find((row) => row.modelId === 'qwen3-32b')).toMatchObject({
      status: 'legacy',
      endOfLife: '2027-03-01',
      source: 'bedrock ListFoundationModels (us-east-1)',
    });
    const other = coreFor({});
    const listed = await other.listModels('chat');
    expect(listed.find((model) => model.id === 'qwen3-32b')?.lifecycle).toEqual({
      status: 'legacy',
      endOfLife: '2027-03-01',
    });
    expect(listed.find((model) => model.id === 'gemini-3.1-pro-preview')?.lifecycle.status).toBe('retired');

    // Back to ACTIVE at Bedrock: the next sync says so.
    qwen.status = 'ACTIVE';
    qwen.endOfLife = undefined;
    const third = await other.syncModels();
    expect(third.changes).toEqual([
      { model: 'qwen3-32b', provider: 'bedrock', from: 'legacy', to: 'active' },
    ]);
  });

  it('never undoes what the catalogue knows: Bedrock calling Sonnet 4.5 ACTIVE leaves it deprecated', async () => {
    const listed = await coreFor({}).listModels('chat');
    expect(listed.find((model) => model.id === 'claude-sonnet-4.5')?.lifecycle).toEqual({
      status: 'deprecated',
      successor: 'claude-sonnet-4.6',
    });
  });

  it('reports a provider it cannot read by code, and still stores the others', async () => {
    const core = coreFor({ GEMINI_API_KEY: 'wrong-key' });
    const result = await core.syncModels();
    const geminiResult = result.providers.find((provider) => provider.provider === 'gemini');
    expect(geminiResult).toMatchObject({ ok: false, models: 0 });
    expect(geminiResult?.error).toMatch(/^[A-Z_]+: /);
    expect(geminiResult?.error).not.toContain('wrong-key');
    expect(result.providers.find((provider) => provider.provider === 'bedrock')?.ok).toBe(true);
  });
});
