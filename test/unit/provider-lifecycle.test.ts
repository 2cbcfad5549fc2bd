import { Message, type ModelStreamEvent, TextBlock } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { findModel } from '../../src/providers/catalogue.js';
import { assertCallable, lifecycleWarning, mergeLifecycle, statusAt } from '../../src/providers/lifecycle.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { allProvidersEnvironment, configFrom } from '../fakes/scripted-config.js';
import { scriptedModules } from '../fakes/scripted-modules.js';

const beforeEndOfLife = new Date('2026-09-29T23:59:59Z');
const atEndOfLife = new Date('2026-09-30T00:00:00Z');

async function textOf(stream: AsyncIterable<ModelStreamEvent>): Promise<string> {
  let text = '';
  for await (const event of stream)
    if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
      text += event.delta.text;
  return text;
}
const hello = [new Message({ role: 'user', content: [new TextBlock('hello')] })];

function caught(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('lifecycle', () => {
  const canvas = findModel('nova-canvas')!;

  it('still serves, with a warning, before the end-of-life day and is retired from that day on (UTC)', () => {
    expect(statusAt(canvas.lifecycle, beforeEndOfLife)).toBe('deprecated');
    expect(lifecycleWarning(canvas, beforeEndOfLife)).toMatch(
      /nova-canvas is deprecated.*2026-09-30.*stable-image-core/,
    );
    expect(statusAt(canvas.lifecycle, atEndOfLife)).toBe('retired');
    expect(() => assertCallable(canvas, beforeEndOfLife)).not.toThrow();
    const error = caught(() => assertCallable(canvas, atEndOfLife));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toContain('use stable-image-core instead');
  });

  it('never marks an active model', () => {
    const qwen = findModel('qwen3')!;
    expect(statusAt(qwen.lifecycle, new Date('2099-01-01'))).toBe('active');
    expect(lifecycleWarning(qwen, new Date('2099-01-01'))).toBeUndefined();
  });

  it('merges a stored word into the file row: the more advanced status wins, dates and successors kept', () => {
    const file = { status: 'deprecated', successor: 'b', source: 'file' } as const;
    expect(mergeLifecycle(file, { status: 'active', source: 'api' })).toEqual(file);
    expect(mergeLifecycle(file, { status: 'legacy', endOfLife: '2027-01-01', source: 'api' })).toEqual({
      status: 'legacy',
      endOfLife: '2027-01-01',
      successor: 'b',
      source: 'api',
    });
    expect(mergeLifecycle(file, { status: 'retired', source: 'api' }).status).toBe('retired');
  });
});

describe('model registry resolution', () => {
  const registryAt = (now: Date, environment: Record<string, string> = allProvidersEnvironment) =>
    createModelRegistry({
      config: configFrom(environment),
      now: () => now,
      modules: scriptedModules().modules,
    });

  it('picks the first active configured model by default, never a legacy or deprecated one', () => {
    const registry = registryAt(beforeEndOfLife);
    expect(registry.resolve('chat').entry.id).toBe('claude-sonnet-4.6');
    expect(registry.resolve('image').entry.id).toBe('qwen-image');
    expect(registry.resolve('video').entry.id).toBe('wan2.2');
    // Only Gemini configured: its retired 2.5 models are skipped for the active successor.
    const gemini = registryAt(beforeEndOfLife, { GEMINI_API_KEY: 'k' });
    expect(gemini.resolve('chat').entry.id).toBe('gemini-3.5-flash');
    expect(gemini.resolve('image').entry.id).toBe('gemini-3.1-flash-image');
  });

  it('falls back to client-sampling for chat with nothing configured, and names what to set for images', () => {
    const registry = registryAt(beforeEndOfLife, {});
    expect(registry.resolve('chat').entry.id).toBe('client-sampling');
    const error = caught(() => registry.resolve('image'));
    expect(error.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(error.message).toContain('SAGEMAKER_QWEN_IMAGE_ENDPOINT');
  });

  it('keeps a legacy model selectable, with a warning', () => {
    const { entry, warnings } = registryAt(beforeEndOfLife).resolve('image', 'nova-canvas');
    expect(entry.id).toBe('nova-canvas');
    expect(warnings).toEqual([expect.stringContaining('end of life on 2026-09-30')]);
  });

  it('rejects unknown ids, wrong kinds, unconfigured and past-end-of-life models by name', () => {
    const registry = registryAt(atEndOfLife);
    expect(caught(() => registry.resolve('chat', 'gpt-9'))).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('"gpt-9"'),
    });
    expect(caught(() => registry.resolve('chat', 'qwen-image')).code).toBe('INVALID_INPUT');
    // An explicit retired model is refused naming its successor.
    expect(caught(() => registryAt(atEndOfLife, {}).resolve('image', 'qwen-image'))).toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
      message: expect.stringContaining('SAGEMAKER_QWEN_IMAGE_ENDPOINT'),
    });
    expect(caught(() => registry.resolve('image', 'nova-canvas'))).toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringContaining('stable-image-core'),
    });
  });

  it('uses DEFAULT_CHAT_MODEL when no preference is given', () => {
    const registry = registryAt(beforeEndOfLife, { ...allProvidersEnvironment, DEFAULT_CHAT_MODEL: 'qwen3' });
    expect(registry.resolve('chat').entry.id).toBe('qwen3');
    expect(registry.resolve('chat', 'nova-2-lite').entry.id).toBe('nova-2-lite');
  });
});

describe('fallback chains', () => {
  it('skip a retired model: the chain goes on to the next one that still serves', async () => {
    const { modules, calls } = scriptedModules({
      chatTurns: {
        qwen3: [{ error: new AppError('PROVIDER_ERROR', 'overloaded', { retryable: false }) }],
      },
    });
    const registry = createModelRegistry({
      config: configFrom({
        ...allProvidersEnvironment,
        MODEL_FALLBACK_CHAIN: 'qwen3,gemini-2.5-flash,nova-2-lite',
      }),
      now: () => new Date('2026-12-01T00:00:00Z'),
      modules,
      sleep: async () => undefined,
    });
    const served: string[] = [];
    const chat = await registry.chat('qwen3', { onServed: (id) => served.push(id) });
    await textOf(chat.stream(hello));
    expect(served).toEqual(['nova-2-lite']);
    expect(calls.map((call) => call.catalogueId)).not.toContain('gemini-2.5-flash');
  });
});

describe('calls past end of life', () => {
  it('fail with PROVIDER_ERROR naming the successor, or move on along the fallback chain', async () => {
    let now = beforeEndOfLife;
    const config = configFrom(allProvidersEnvironment);
    const registry = createModelRegistry({
      config,
      now: () => now,
      modules: scriptedModules().modules,
    });
    const image = await registry.image('nova-canvas');
    await expect(image.generate({ prompt: 'p', aspectRatio: '1:1', count: 1 })).resolves.toHaveLength(1);
    now = atEndOfLife;
    await expect(image.generate({ prompt: 'p', aspectRatio: '1:1', count: 1 })).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringContaining('use stable-image-core instead'),
    });

    const chained = createModelRegistry({
      config: configFrom({ ...allProvidersEnvironment, MODEL_FALLBACK_CHAIN: 'gemini-2.5-pro,qwen3' }),
      now: () => new Date('2026-12-01T00:00:00Z'),
      modules: scriptedModules().modules,
    });
    const served: string[] = [];
    const chat = await chained.chat('gemini-2.5-pro', { onServed: (id) => served.push(id) });
    expect(await textOf(chat.stream(hello))).toBe('bedrock/qwen.qwen3-235b-a22b-2507-v1:0 answers.');
    expect(served).toEqual(['qwen3']);
  });
});
