import { Message, TextBlock } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { createBedrockChatModel } from '../../src/providers/bedrock/create-bedrock-chat-model.js';
import { createCatalogue, findModel } from '../../src/providers/catalogue.js';
import { type BedrockFake, defaultFakeAnswer, fakeAwsKeys, startBedrockFake } from '../fakes/bedrock-fake.js';
import { awsTestConfig } from '../fakes/bedrock-test-config.js';
import { describeChatModelContract } from './chat-model.contract.js';

function configFor(fake: BedrockFake) {
  return awsTestConfig({
    AWS_REGION: fake.region,
    AWS_ACCESS_KEY_ID: fakeAwsKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fakeAwsKeys.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.endpoint,
  });
}

for (const catalogueId of ['claude-sonnet-4.5', 'qwen3', 'nova-2-lite']) {
  for (const stream of [true, false]) {
    const label = `bedrock ${catalogueId} (${stream ? 'ConverseStream' : 'Converse'})`;
    const entry = findModel(catalogueId);
    if (entry === undefined) throw new Error(`${catalogueId} is not in the catalogue`);

    describeChatModelContract(label, async () => {
      const fake = await startBedrockFake();
      const config = configFor(fake);
      const providerModelId = createCatalogue(config).vendorModelId(entry);
      const model = await createBedrockChatModel({
        settings: bedrockSettings(config),
        providerModelId,
        maxTokens: 512,
        stream,
      });
      return { model, expectedText: defaultFakeAnswer, close: () => fake.close() };
    });

    describe(`${label}: what reached the stand-in`, () => {
      it('calls the operation of the mode, with the catalogue model id, signed with the configured key', async () => {
        const fake = await startBedrockFake();
        try {
          const config = configFor(fake);
          const providerModelId = createCatalogue(config).vendorModelId(entry);
          const model = await createBedrockChatModel({
            settings: bedrockSettings(config),
            providerModelId,
            stream,
          });
          const hello = new Message({ role: 'user', content: [new TextBlock('Hi')] });
          for await (const _event of model.stream([hello])) {
            // Drained only for the request it makes.
          }
          expect(fake.requests).toHaveLength(1);
          expect(fake.requests[0]).toMatchObject({
            operation: stream ? 'converse-stream' : 'converse',
            modelId: providerModelId,
            auth: 'sigv4',
            accessKeyId: fakeAwsKeys.accessKeyId,
          });
          expect(providerModelId).toContain(entry.providerModelId);
        } finally {
          await fake.close();
        }
      });
    });
  }
}
