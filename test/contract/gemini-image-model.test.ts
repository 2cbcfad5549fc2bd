import { createGeminiClient } from '../../src/providers/gemini/gemini-client.js';
import { GeminiImageModel } from '../../src/providers/gemini/gemini-image-model.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import { describeImageModelContract } from './image-model.contract.js';

for (const catalogueId of ['gemini-2.5-flash-image', 'gemini-3.1-flash-image']) {
  describeImageModelContract(`gemini ${catalogueId} (generateContent, IMAGE modality)`, async () => {
    const fake = await GeminiFake.start({ imageScale: 16 });
    const client = createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini);
    const model = new GeminiImageModel({ client, catalogueId, providerModelId: catalogueId });
    return { model, close: () => fake.close() };
  });
}
