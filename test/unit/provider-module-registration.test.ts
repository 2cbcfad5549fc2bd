import { Message, type ModelStreamEvent, TextBlock } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { CatalogueEntry } from '../../src/providers/catalogue-entry.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import type { ProviderModule } from '../../src/providers/provider-module.js';
import { providerModules } from '../../src/providers/provider-modules.js';
import { ScriptedChatModel } from '../fakes/scripted-chat-model.js';
import { configFrom } from '../fakes/scripted-config.js';

// A provider nothing in src/ knows about: its module and its row live in this test only.
interface EchoSettings {
  /** Stands for a vendor's key: this provider reads OPENAI_API_KEY, so the test can switch it off. */
  key: string | undefined;
}

function echoProvider() {
  const built: string[] = [];
  const module: ProviderModule<EchoSettings> = {
    name: 'test-echo',
    settings: (config: Config) => ({ key: config.openai.apiKey }),
    missing: (_entry, settings) => (settings.key === undefined ? ['OPENAI_API_KEY'] : []),
    vendorModelId: (entry) => `echo/${entry.providerModelId}`,
    adapters: () => ({
      async chat({ entry, vendorModelId }) {
        built.push(entry.id);
        return new ScriptedChatModel({ modelId: vendorModelId, text: `${vendorModelId} says hello.` });
      },
    }),
  };
  return { module, built };
}

const echoRow: CatalogueEntry = {
  id: 'echo-small',
  displayName: 'Echo small (test only)',
  provider: 'test-echo',
  kind: 'chat',
  providerModelId: 'small-1',
  capabilities: {
    tools: false,
    streaming: true,
    vision: false,
    maxOutputTokens: 1_024,
    maxVideoSeconds: undefined,
    aspectRatios: [],
  },
  price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 1, reserve: 4 },
  lifecycle: { status: 'active', source: 'https://example.com/echo' },
};

async function textOf(stream: AsyncIterable<ModelStreamEvent>): Promise<string> {
  let text = '';
  for await (const event of stream)
    if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
      text += event.delta.text;
  return text;
}

describe('a provider registered through the modules list', () => {
  it('is listed, resolved and called through the registry like a built-in one', async () => {
    const echo = echoProvider();
    const registry = createModelRegistry({
      config: configFrom({ OPENAI_API_KEY: 'k' }),
      modules: [...providerModules, echo.module],
      extraEntries: [echoRow],
    });

    expect(registry.list('chat').find((row) => row.id === 'echo-small')).toMatchObject({
      provider: 'test-echo',
      configured: true,
      missing: [],
    });
    const { entry, warnings } = registry.resolve('chat', 'echo-small');
    expect(entry).toEqual(echoRow);
    expect(warnings).toEqual([]);

    const served: string[] = [];
    const model = await registry.chat(entry.id, { onServed: (id) => served.push(id) });
    const hello = [new Message({ role: 'user', content: [new TextBlock('hi')] })];
    expect(await textOf(model.stream(hello))).toBe('echo/small-1 says hello.');
    expect(served).toEqual(['echo-small']);
    expect(model.lastServedBy).toBe('echo-small');
    expect(echo.built).toEqual(['echo-small']);
  });

  it('names what its own settings lack, and serves only the rows of the modules given', () => {
    const echo = echoProvider();
    const registry = createModelRegistry({
      config: configFrom({}),
      modules: [echo.module],
      extraEntries: [echoRow],
    });
    expect(registry.list()).toEqual([{ ...echoRow, configured: false, missing: ['OPENAI_API_KEY'] }]);
    expect(() => registry.resolve('chat', 'echo-small')).toThrow(
      /echo-small is not configured: set OPENAI_API_KEY/,
    );
    expect(() => registry.resolve('chat', 'claude-sonnet-4.5')).toThrow(/unknown model "claude-sonnet-4.5"/);
    expect(echo.built).toEqual([]);
  });

  it('refuses a second module of the same name and a row id already taken', () => {
    const config = configFrom({});
    const echo = echoProvider();
    expect(() => createModelRegistry({ config, modules: [echo.module, echo.module] })).toThrow(
      /two provider modules are named test-echo/,
    );
    expect(() =>
      createModelRegistry({
        config,
        modules: [...providerModules, echo.module],
        extraEntries: [{ ...echoRow, id: 'qwen3' }],
      }),
    ).toThrow(/two catalogue rows have the id qwen3/);
  });
});
