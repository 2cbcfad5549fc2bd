import { createGeminiClient } from '../../src/providers/gemini/gemini-client.js';
import { VeoVideoModel } from '../../src/providers/gemini/veo-video-model.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import { describeVideoModelContract } from './video-model.contract.js';

describeVideoModelContract('gemini veo (predictLongRunning + operations)', async () => {
  const fake = await GeminiFake.start();
  const client = createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini);
  const model = new VeoVideoModel({
    client,
    catalogueId: 'veo',
    providerModelId: 'veo-3.1-generate-001',
    apiKey: fake.apiKey,
  });
  return {
    model,
    completeAll: () => fake.completeAll(),
    failNext: () => fake.failNext(),
    close: () => fake.close(),
  };
});
