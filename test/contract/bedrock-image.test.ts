import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { createBedrockClients } from '../../src/providers/bedrock/bedrock-clients.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { NovaCanvasImageModel } from '../../src/providers/bedrock/nova-canvas-image-model.js';
import { StabilityImageModel } from '../../src/providers/bedrock/stability-image-model.js';
import { findModel } from '../../src/providers/catalogue.js';
import { type BedrockFake, fakeAwsKeys, startBedrockFake } from '../fakes/bedrock-fake.js';
import { awsTestConfig } from '../fakes/bedrock-test-config.js';
import { describeImageModelContract } from './image-model.contract.js';

function runtimeFor(fake: BedrockFake): BedrockRuntimeClient {
  const config = awsTestConfig({
    AWS_REGION: fake.region,
    AWS_ACCESS_KEY_ID: fakeAwsKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fakeAwsKeys.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.endpoint,
  });
  return createBedrockClients(bedrockSettings(config)).runtime;
}

const adapters = [
  { catalogueId: 'nova-canvas', Model: NovaCanvasImageModel },
  { catalogueId: 'stable-image-core', Model: StabilityImageModel },
] as const;

for (const { catalogueId, Model } of adapters) {
  const providerModelId = findModel(catalogueId)?.providerModelId ?? '';

  describeImageModelContract(`bedrock ${catalogueId}`, async () => {
    const fake = await startBedrockFake();
    const client = runtimeFor(fake);
    const model = new Model({ client, catalogueId, providerModelId });
    return {
      model,
      close: async () => {
        client.destroy();
        await fake.close();
      },
    };
  });

  describe(`bedrock ${catalogueId}: what reached the stand-in`, () => {
    it('sends InvokeModel to the catalogue model id, once per call for Nova Canvas, once per image for Stability', async () => {
      const fake = await startBedrockFake();
      const client = runtimeFor(fake);
      try {
        const model = new Model({ client, catalogueId, providerModelId });
        await model.generate({ prompt: 'A lighthouse', aspectRatio: '9:16', count: 3, seed: 5 });
        const calls = catalogueId === 'nova-canvas' ? 1 : 3;
        expect(fake.requests.map((request) => [request.operation, request.modelId])).toEqual(
          Array.from({ length: calls }, () => ['invoke', providerModelId]),
        );
      } finally {
        client.destroy();
        await fake.close();
      }
    });
  });
}
