import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, plainCaller } from '../../src/core/caller.js';
import type { CoreDeps } from '../../src/core/core-deps.js';
import { type Core, createCore } from '../../src/core/create-core.js';
import { InflightCalls } from '../../src/core/inflight-calls.js';
import { RateLimiter } from '../../src/core/rate-limiter.js';
import { CreditLedger } from '../../src/credits/ledger.js';
import { storeLifecycle } from '../../src/db/repositories/model-lifecycle.js';
import { getModelPreferences, setModelPreferences } from '../../src/db/repositories/model-preferences.js';
import { createLogger } from '../../src/logger.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { LocalStorage } from '../../src/storage/local/local-storage.js';
import { configFrom } from '../fakes/scripted-config.js';
import { scriptedModules } from '../fakes/scripted-modules.js';
import { appErrorOf } from '../support/app-error-of.js';
import { manualClock } from '../support/core-harness.js';
import { createPgliteDatabase, type TestDatabase } from '../support/test-database.js';

/** Wan2.2 (at most 5 s) and Gemini (Veo, up to 8 s) configured, as in the report. */
const environment = {
  SAGEMAKER_WAN_VIDEO_ENDPOINT: 'wan-video',
  SAGEMAKER_ASYNC_S3_URI: 's3://async/in/',
  SAGEMAKER_QWEN_IMAGE_ENDPOINT: 'qwen-image',
  GEMINI_API_KEY: 'fake-gemini-key',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret-example',
};

let test: TestDatabase;
let root: string;
let core: Core;
let deps: CoreDeps;
const clock = manualClock(new Date('2026-11-30T10:00:00Z'));

async function newUser(): Promise<string> {
  return (await core.createUser({ email: `routing-${randomUUID()}@example.com`, credits: 100_000 })).id;
}

async function jobModel(jobId: string): Promise<string> {
  const row = await test.db
    .selectFrom('generation_jobs')
    .select('model_id')
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
  return row.model_id;
}

function listening(userId: string): { caller: Caller; warnings: string[] } {
  const warnings: string[] = [];
  return {
    caller: {
      ...plainCaller(userId),
      log: async (_level, message) => {
        warnings.push(message);
      },
    },
    warnings,
  };
}

beforeAll(async () => {
  test = await createPgliteDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'adengine-routing-'));
  const registry = createModelRegistry({
    config: configFrom(environment),
    modules: scriptedModules().modules,
    now: clock.now,
    sleep: async () => undefined,
  });
  const ledgerOptions = { db: test.db, now: clock.now, newId: clock.newId, holdTtlSeconds: 600 };
  const storage = new LocalStorage({
    root,
    publicBaseUrl: 'http://127.0.0.1:9',
    secret: randomBytes(32).toString('base64url'),
  });
  // Not a literal, so it fits CoreSettings with or without the fallback chain.
  const settings = { holdTtlSeconds: 600, initialLocalCredits: 0, fallbackChain: [] as string[] };
  deps = {
    db: test.db,
    ledger: new CreditLedger(ledgerOptions),
    rateLimiter: new RateLimiter({ userPerMinute: 10_000, providerPerMinute: 10_000 }),
    storage: async () => storage,
    models: async () => registry,
    logger: createLogger('silent'),
    clock,
    inflight: new InflightCalls(),
    settings,
  };
  core = createCore(deps);
}, 60_000);

afterAll(async () => {
  await test?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('capability-aware choice', () => {
  it('sends a 6-second video without a model to Veo, not to the 5-second Wan2.2', async () => {
    const userId = await newUser();
    const started = await core.startVideoJob(plainCaller(userId), {
      prompt: 'a coffee cup turning',
      durationSeconds: 6,
      aspectRatio: '16:9',
    });
    expect(await jobModel(started.jobId)).toBe('veo');
  });

  it('keeps a 5-second video on the first row that can (Wan2.2)', async () => {
    const userId = await newUser();
    const started = await core.startVideoJob(plainCaller(userId), {
      prompt: 'p',
      durationSeconds: 5,
      aspectRatio: '16:9',
    });
    expect(await jobModel(started.jobId)).toBe('wan2.2');
  });

  it('refuses an explicit model that cannot, naming the configured models that can', async () => {
    const userId = await newUser();
    const error = await appErrorOf(
      core.startVideoJob(plainCaller(userId), {
        prompt: 'p',
        durationSeconds: 6,
        aspectRatio: '16:9',
        model: 'wan2.2',
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^durationSeconds: wan2\.2 makes at most 5 s/);
    expect(error.message).toContain('configured video models that can: veo, veo-fast');
  });

  it('passes over a preference that cannot do the call, with a warning, and keeps the preference', async () => {
    const userId = await newUser();
    await core.setPreferences(plainCaller(userId), { videoModel: 'wan2.2' });
    const { caller, warnings } = listening(userId);
    const started = await core.startVideoJob(caller, {
      prompt: 'p',
      durationSeconds: 8,
      aspectRatio: '9:16',
    });
    expect(await jobModel(started.jobId)).toBe('veo');
    expect(warnings.join('\n')).toContain('wan2.2 makes at most 5 s');
    expect((await getModelPreferences(test.db, userId)).videoModel).toBe('wan2.2');
  });
});

describe('retired and deprecated models', () => {
  it('moves a stored preference on a retired model to its successor, telling the user once', async () => {
    const userId = await newUser();
    // Stored while the model was still served.
    await setModelPreferences(test.db, userId, { imageModel: 'gemini-2.5-flash-image' }, clock.now());
    const first = listening(userId);
    const made = await core.generateImages(first.caller, { prompt: 'p', aspectRatio: '1:1', count: 1 });
    expect(made.model).toEqual({ provider: 'gemini', id: 'gemini-3.1-flash-image' });
    expect(first.warnings).toEqual([
      expect.stringMatching(/gemini-2\.5-flash-image was retired on 2026-10-02/),
    ]);
    expect((await getModelPreferences(test.db, userId)).imageModel).toBe('gemini-3.1-flash-image');
    const second = listening(userId);
    await core.generateImages(second.caller, { prompt: 'p', aspectRatio: '1:1', count: 1 });
    expect(second.warnings).toEqual([]);
  });

  it('refuses a retired model in set_model_preferences, naming the successor', async () => {
    const userId = await newUser();
    const error = await appErrorOf(
      core.setPreferences(plainCaller(userId), { chatModel: 'gemini-2.5-flash' }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('chatModel: gemini-2.5-flash was retired on 2026-06-17; use gemini-3.5-flash');
  });

  it('lists lifecycle as it stands, and warns in doctor about deprecated models in use', async () => {
    const models = await core.listModels('chat');
    expect(models.find((model) => model.id === 'gemini-2.5-pro')?.lifecycle).toEqual({
      status: 'retired',
      endOfLife: '2026-06-17',
      successor: 'gemini-3.1-pro-preview',
    });
    const userId = await newUser();
    await core.setPreferences(plainCaller(userId), { chatModel: 'claude-sonnet-4.5' });
    const warnings = await core.modelLifecycleWarnings();
    expect(warnings.find((warning) => warning.model === 'claude-sonnet-4.5')).toMatchObject({
      status: 'deprecated',
      message: expect.stringContaining('move to claude-sonnet-4.6'),
    });
  });

  it('routes by lifecycle another process stored: a model retired in the database is never chosen', async () => {
    const userId = await newUser();
    await storeLifecycle(
      test.db,
      [
        {
          modelId: 'wan2.2',
          provider: 'sagemaker',
          status: 'retired',
          endOfLife: '2026-11-01',
          successor: undefined,
          source: 'test',
        },
      ],
      clock.now(),
    );
    try {
      const started = await core.startVideoJob(plainCaller(userId), {
        prompt: 'p',
        durationSeconds: 4,
        aspectRatio: '16:9',
      });
      expect(await jobModel(started.jobId)).toBe('veo');
      const listed = await core.listModels('video');
      expect(listed.find((model) => model.id === 'wan2.2')?.lifecycle.status).toBe('retired');
    } finally {
      await test.db.deleteFrom('model_lifecycle').execute();
    }
  });
});
