import { Message, type ModelStreamEvent, TextBlock } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import { listCatalogue } from '../../src/providers/catalogue.js';
import { lifecycleAt } from '../../src/providers/lifecycle.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import type { SamplingBridge } from '../../src/providers/sampling/sampling-bridge.js';
import { samplingModule } from '../../src/providers/sampling/sampling-module.js';
import { allProvidersEnvironment, configFrom } from '../fakes/scripted-config.js';
import { scriptedModules } from '../fakes/scripted-modules.js';

const now = () => new Date('2026-06-01T00:00:00Z');
const hello = [new Message({ role: 'user', content: [new TextBlock('hello')] })];

async function textOf(stream: AsyncIterable<ModelStreamEvent>): Promise<string> {
  let text = '';
  for await (const event of stream)
    if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
      text += event.delta.text;
  return text;
}

function bridgeAnswering(text: string): SamplingBridge & { requests: number } {
  const bridge = {
    supported: true,
    requests: 0,
    async request() {
      bridge.requests++;
      return {
        model: 'client-model',
        role: 'assistant',
        stopReason: 'endTurn',
        content: { type: 'text', text },
      };
    },
  };
  return bridge;
}

describe('model registry', () => {
  it('builds each vendor chat model once, fallbacks included, however many calls ask for it', async () => {
    const { modules, calls } = scriptedModules();
    const registry = createModelRegistry({
      config: configFrom({ ...allProvidersEnvironment, MODEL_FALLBACK_CHAIN: 'qwen3' }),
      now,
      modules,
    });
    const sessions = [];
    for (let call = 0; call < 3; call++) {
      const model = await registry.chat('claude-sonnet-4.5');
      expect(await textOf(model.stream(hello))).toBe(
        'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0 answers.',
      );
      sessions.push(model);
    }
    expect(calls.map((call) => [call.kind, call.catalogueId])).toEqual([
      ['chat', 'claude-sonnet-4.5'],
      ['chat', 'qwen3'],
    ]);
    // The wrapper carrying each call's signal and onServed is still the call's own.
    expect(new Set(sessions).size).toBe(3);
  });

  it('builds another model for another output cap, since the cap is part of the model config', async () => {
    const { modules, calls } = scriptedModules();
    const registry = createModelRegistry({ config: configFrom(allProvidersEnvironment), now, modules });
    await registry.chat('qwen3', { maxTokens: 256 });
    await registry.chat('qwen3', { maxTokens: 256 });
    await registry.chat('qwen3');
    expect(calls.filter((call) => call.catalogueId === 'qwen3')).toHaveLength(2);
  });

  it('builds the client-sampling model per call, each speaking through that call’s client', async () => {
    const scripted = scriptedModules();
    const registry = createModelRegistry({
      config: configFrom({}),
      now,
      modules: [...scripted.modules.filter((module) => module.name !== 'client-sampling'), samplingModule],
    });
    const first = bridgeAnswering('from the first client');
    const second = bridgeAnswering('from the second client');
    const one = await registry.chat('client-sampling', { sampling: first });
    const two = await registry.chat('client-sampling', { sampling: second });
    expect(await textOf(two.stream(hello))).toBe('from the second client');
    expect(await textOf(one.stream(hello))).toBe('from the first client');
    expect([first.requests, second.requests]).toEqual([1, 1]);
  });

  it('keeps image and video adapters per model too', async () => {
    const { modules, calls } = scriptedModules();
    const registry = createModelRegistry({ config: configFrom(allProvidersEnvironment), now, modules });
    await registry.image('stable-image-core');
    await registry.image('stable-image-core');
    await registry.video('wan2.2');
    await registry.video('wan2.2');
    expect(calls.map((call) => [call.kind, call.catalogueId])).toEqual([
      ['image', 'stable-image-core'],
      ['video', 'wan2.2'],
    ]);
  });

  it('lists the same rows as listCatalogue, with lifecycle as it stands at its clock', () => {
    const config = configFrom({ GEMINI_API_KEY: 'k' });
    const registry = createModelRegistry({ config, now, modules: scriptedModules().modules });
    const atNow = (kind?: 'video') =>
      listCatalogue(config, kind).map((model) => ({
        ...model,
        lifecycle: lifecycleAt(model.lifecycle, now()),
      }));
    expect(registry.list()).toEqual(atNow());
    expect(registry.list('video')).toEqual(atNow('video'));
    // Before their shut-down day the Gemini 2.5 models still serve (deprecated), then they are retired.
    expect(registry.list('chat').find((model) => model.id === 'gemini-2.5-flash')?.lifecycle.status).toBe(
      'deprecated',
    );
  });
});
