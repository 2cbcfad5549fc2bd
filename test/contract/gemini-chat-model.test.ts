import { createGeminiChatModel } from '../../src/providers/gemini/create-gemini-chat-model.js';
import { createGeminiClient } from '../../src/providers/gemini/gemini-client.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import { describeChatModelContract } from './chat-model.contract.js';

const expectedText = 'Fresh lemonade, squeezed while you wait — 🍋 two for one today.';

for (const providerModelId of ['gemini-2.5-flash', 'gemini-2.5-pro']) {
  for (const streaming of [true, false]) {
    describeChatModelContract(
      `gemini ${providerModelId} (${streaming ? 'SSE streamGenerateContent' : 'generateContent'})`,
      async () => {
        const fake = await GeminiFake.start({ reply: () => expectedText });
        const config = fakeProviderConfig({ gemini: fake });
        const model = await createGeminiChatModel({
          client: createGeminiClient(config.gemini),
          providerModelId,
          maxTokens: 256,
          streaming,
        });
        return {
          model,
          expectedText,
          async close() {
            // The fake saw the model this adapter was asked for, on the endpoint of the chosen mode.
            const action = streaming ? 'streamGenerateContent' : 'generateContent';
            const calls = fake.requests.filter(
              (request) => request.action === action && request.model === providerModelId,
            );
            if (fake.requests.length > 0 && calls.length === 0)
              throw new Error(`no ${action} call for ${providerModelId}`);
            await fake.close();
          },
        };
      },
    );
  }
}
