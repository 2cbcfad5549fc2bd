import { Agent, Message, TextBlock } from '@strands-agents/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bedrockRowOptions } from '../../src/providers/bedrock/bedrock-row-options.js';
import { listCatalogue } from '../../src/providers/catalogue.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { allProvidersEnvironment, configFrom } from '../fakes/scripted-config.js';
import { scriptedModules } from '../fakes/scripted-modules.js';

const regions = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-northeast-1',
  'ap-southeast-2',
  'ap-south-1',
  'sa-east-1',
];
const chatIds = listCatalogue(configFrom(allProvidersEnvironment), 'chat')
  .filter((model) => model.provider !== 'client-sampling')
  .map((model) => model.id);
const beforeAnyEndOfLife = () => new Date('2026-06-01T00:00:00Z');

describe('property 5: a chat request routed to any configured catalogue model reaches that provider with that model id', () => {
  it('streams text from exactly that provider and model id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...chatIds),
        fc.constantFrom(...regions),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (id, region, prompt) => {
          const config = configFrom({ ...allProvidersEnvironment, AWS_REGION: region });
          const entry = listCatalogue(config, 'chat').find((model) => model.id === id)!;
          const { modules, calls, chatModels } = scriptedModules();
          const registry = createModelRegistry({ config, now: beforeAnyEndOfLife, modules });
          const model = await registry.chat(id);
          let text = '';
          for await (const event of model.stream([
            new Message({ role: 'user', content: [new TextBlock(prompt)] }),
          ])) {
            if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
              text += event.delta.text;
          }
          expect(calls).toHaveLength(1);
          const [call] = calls;
          expect(call?.provider).toBe(entry.provider);
          if (entry.provider === 'bedrock') {
            expect(call?.vendorModelId).toMatch(
              new RegExp(
                `^((us|eu|jp|au|apac|global)\\.)?${entry.providerModelId.replace(/[.:]/g, '\\$&')}$`,
              ),
            );
            if (region.startsWith('eu-') && bedrockRowOptions(entry).inferenceProfiles?.includes('eu'))
              expect(call?.vendorModelId.startsWith('eu.')).toBe(true);
          } else if (entry.provider === 'openai-compatible') {
            expect(call?.vendorModelId).toBe('llama3.1:8b');
          } else {
            expect(call?.vendorModelId).toBe(entry.providerModelId);
          }
          expect(text).toBe(`${entry.provider}/${call?.vendorModelId} answers.`);
          expect(chatModels.get(id)?.calls[0]?.messages[0]?.content[0]).toMatchObject({ text: prompt });
          expect(model.lastServedBy).toBe(id);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers a non-streaming Strands Agent through the registry model too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...chatIds), async (id) => {
        const { modules, calls } = scriptedModules();
        const registry = createModelRegistry({
          config: configFrom(allProvidersEnvironment),
          now: beforeAnyEndOfLife,
          modules,
        });
        const agent = new Agent({ model: await registry.chat(id), printer: false, retryStrategy: null });
        const result = await agent.invoke('Write one line of ad copy.');
        expect(result.toString()).toContain(`${calls[0]?.provider}/${calls[0]?.vendorModelId} answers.`);
      }),
      { numRuns: 15 },
    );
  });
});
