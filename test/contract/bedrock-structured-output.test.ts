import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdCreative } from '../../src/agents/ad-creative-agent.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { createBedrockChatModel } from '../../src/providers/bedrock/create-bedrock-chat-model.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { type BedrockFake, fakeAwsKeys, startBedrockFake } from '../fakes/bedrock-fake.js';
import { awsTestConfig } from '../fakes/bedrock-test-config.js';
import { appErrorOf } from '../support/app-error-of.js';

/** Structured output through the real Bedrock adapter, on a model that refuses a forced tool choice. */
let fake: BedrockFake;
const config = () =>
  awsTestConfig({
    AWS_REGION: fake.region,
    AWS_ACCESS_KEY_ID: fakeAwsKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fakeAwsKeys.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.endpoint,
  });
const brief = { product: 'Cold brew subscription', platforms: ['meta' as const], variants: 2 };

function forcedChoices(modelId: string): unknown[] {
  return fake.requests
    .filter((request) => request.modelId === modelId)
    .map((request) => (request.body as { toolConfig?: { toolChoice?: unknown } }).toolConfig?.toolChoice)
    .filter((choice) => choice !== undefined && !('auto' in (choice as object)));
}

beforeAll(async () => {
  fake = await startBedrockFake();
});
afterAll(async () => {
  await fake?.close();
});

describe('structured output on Bedrock', () => {
  it('the stand-in refuses a forced tool choice for Sonnet 5.5, as the service does', async () => {
    const model = await createBedrockChatModel({
      settings: bedrockSettings(config()),
      providerModelId: 'us.anthropic.claude-sonnet-5-5',
    });
    const error = await appErrorOf(createAdCreative({ model, input: brief }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(fake.rejected).toEqual([]);
    expect(forcedChoices('us.anthropic.claude-sonnet-5-5').length).toBeGreaterThan(0);
  });

  it('works on Sonnet 5.5 through the registry, which never forces a tool choice on it', async () => {
    fake.requests.length = 0;
    const registry = createModelRegistry({ config: config(), sleep: async () => undefined });
    const result = await createAdCreative({ model: await registry.chat('claude-sonnet-5.5'), input: brief });
    expect(result.variants).toHaveLength(2);
    expect(forcedChoices('us.anthropic.claude-sonnet-5-5')).toEqual([]);
  });

  it('still forces the tool on models that accept it (Sonnet 4.6)', async () => {
    fake.requests.length = 0;
    const registry = createModelRegistry({ config: config(), sleep: async () => undefined });
    const result = await createAdCreative({ model: await registry.chat('claude-sonnet-4.6'), input: brief });
    expect(result.variants).toHaveLength(2);
    expect(forcedChoices('us.anthropic.claude-sonnet-4-6')).toEqual([
      { tool: { name: 'strands_structured_output' } },
    ]);
  });
});
