import { createOpenAiChatModel } from '../../src/providers/openai-compatible/create-openai-chat-model.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import { OpenAiCompatibleFake } from '../fakes/openai-compatible-fake.js';
import { describeChatModelContract } from './chat-model.contract.js';

const expectedText = 'Weekend sale: every sofa 30% off, délivery included. 🛋️';

describeChatModelContract('openai-compatible (SSE chat completions)', async () => {
  const fake = await OpenAiCompatibleFake.start({ reply: () => expectedText });
  const config = fakeProviderConfig({ openai: fake });
  const model = await createOpenAiChatModel({
    settings: config.openai,
    modelName: 'qwen3-8b',
    maxTokens: 256,
  });
  return { model, expectedText, close: () => fake.close() };
});
