import type { Model } from '@strands-agents/sdk';
import { Message, TextBlock } from '@strands-agents/sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGeminiChatModel } from '../../src/providers/gemini/create-gemini-chat-model.js';
import { createGeminiClient } from '../../src/providers/gemini/gemini-client.js';
import { createOpenAiChatModel } from '../../src/providers/openai-compatible/create-openai-chat-model.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import { OpenAiCompatibleFake } from '../fakes/openai-compatible-fake.js';

// Property 7: any chat request reaches the provider with the chosen model id and returns text.
// Both fakes echo the prompt, so the text that comes back must be exactly `echo: <prompt>`.

const prompts = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 120 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    fc.constantFrom(
      'data: [DONE]',
      '\r\n\r\ndata: {}',
      '{"error":{"code":429}}',
      '😀'.repeat(40),
      '\u0000\u200b\ufeff',
    ),
  )
  // Lone surrogates cannot travel as UTF-8 JSON to any real API.
  .filter((prompt) => Buffer.from(prompt, 'utf8').toString('utf8') === prompt);

async function answer(model: Model, prompt: string): Promise<string> {
  let text = '';
  for await (const event of model.stream([new Message({ role: 'user', content: [new TextBlock(prompt)] })])) {
    if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
      text += event.delta.text;
  }
  return text;
}

let gemini: GeminiFake;
let openai: OpenAiCompatibleFake;
beforeAll(async () => {
  [gemini, openai] = await Promise.all([GeminiFake.start(), OpenAiCompatibleFake.start()]);
});
afterAll(async () => {
  await Promise.all([gemini?.close(), openai?.close()]);
});

describe('property 7: chat requests return the text, whatever the prompt', () => {
  for (const providerModelId of ['gemini-2.5-flash', 'gemini-2.5-pro']) {
    for (const streaming of [true, false]) {
      it(`gemini ${providerModelId}, ${streaming ? 'streaming' : 'non-streaming'}`, async () => {
        const model = await createGeminiChatModel({
          client: createGeminiClient(fakeProviderConfig({ gemini }).gemini),
          providerModelId,
          streaming,
        });
        await fc.assert(
          fc.asyncProperty(prompts, async (prompt) => {
            gemini.requests.length = 0;
            expect(await answer(model, prompt)).toBe(`echo: ${prompt}`);
            expect(gemini.requests).toHaveLength(1);
            expect(gemini.requests[0]?.model).toBe(providerModelId);
            expect(GeminiFake.promptOf(gemini.requests[0]!)).toBe(prompt);
          }),
          { numRuns: 40 },
        );
      });
    }
  }

  it('openai-compatible (any model name the server serves)', async () => {
    await fc.assert(
      fc.asyncProperty(
        prompts,
        fc.constantFrom('qwen3-8b', 'llama-3.1-8b-instruct'),
        async (prompt, modelName) => {
          const model = await createOpenAiChatModel({
            settings: fakeProviderConfig({ openai }).openai,
            modelName,
          });
          openai.requests.length = 0;
          expect(await answer(model, prompt)).toBe(`echo: ${prompt}`);
          expect(openai.requests).toHaveLength(1);
          expect(openai.requests[0]?.body).toMatchObject({ model: modelName, stream: true });
        },
      ),
      { numRuns: 40 },
    );
  });
});
