import type { S3Client } from '@aws-sdk/client-s3';
import { Message, TextBlock } from '@strands-agents/sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { createBedrockClients } from '../../src/providers/bedrock/bedrock-clients.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { createBedrockChatModel } from '../../src/providers/bedrock/create-bedrock-chat-model.js';
import { NovaCanvasImageModel } from '../../src/providers/bedrock/nova-canvas-image-model.js';
import { QwenImageModel } from '../../src/providers/sagemaker/qwen-image-model.js';
import { createSageMakerClients } from '../../src/providers/sagemaker/sagemaker-clients.js';
import { sageMakerSettings } from '../../src/providers/sagemaker/sagemaker-settings.js';
import { startBedrockFake } from '../fakes/bedrock-fake.js';
import { awsTestConfig } from '../fakes/bedrock-test-config.js';
import { type S3rverInstance, startS3rver } from '../fakes/s3rver-instance.js';
import { startSageMakerFake } from '../fakes/sagemaker-fake.js';

// Property 14: requests are signed with the configured credentials, and only those verify.
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1', 'ap-southeast-2'];
const alphanumeric = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const secretCharacters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/'];

const credentialsArbitrary = fc.record({
  accessKeyId: fc
    .array(fc.constantFrom(...alphanumeric), { minLength: 16, maxLength: 16 })
    .map((chars) => `AKIA${chars.join('')}`),
  secretAccessKey: fc
    .array(fc.constantFrom(...secretCharacters), { minLength: 40, maxLength: 40 })
    .map((chars) => chars.join('')),
  sessionToken: fc.option(
    fc.array(fc.constantFrom(...secretCharacters), { minLength: 20, maxLength: 60 }).map((c) => c.join('')),
    {
      nil: undefined,
    },
  ),
  region: fc.constantFrom(...regions),
});

type Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | undefined;
  region: string;
};

function env(credentials: Credentials, secretAccessKey: string, endpoints: Record<string, string>) {
  return awsTestConfig({
    AWS_REGION: credentials.region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    ...endpoints,
  });
}

/** A different secret of the same shape: one changed character is enough to break a signature. */
function otherSecret(secret: string): string {
  const first = secret[0] === 'a' ? 'b' : 'a';
  return first + secret.slice(1);
}

async function outcome(call: Promise<unknown>): Promise<'ok' | AppError> {
  return call.then(
    () => 'ok' as const,
    (error: unknown) => {
      if (error instanceof AppError) return error;
      throw error;
    },
  );
}

let s3rver: S3rverInstance;
let unusedS3: S3Client;

beforeAll(async () => {
  s3rver = await startS3rver();
  unusedS3 = s3rver.client();
});
afterAll(async () => {
  await s3rver.close();
});

describe('property 14: AWS requests are signed with the configured credentials', () => {
  it('Bedrock (InvokeModel and ConverseStream) verifies with the configured key and rejects another secret', async () => {
    await fc.assert(
      fc.asyncProperty(credentialsArbitrary, fc.boolean(), async (credentials, chat) => {
        const fake = await startBedrockFake({ region: credentials.region, keys: [credentials] });
        const endpoints = { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.endpoint };
        const call = async (secret: string) => {
          const config = env(credentials, secret, endpoints);
          if (chat) {
            const model = await createBedrockChatModel({
              settings: bedrockSettings(config),
              providerModelId: 'amazon.nova-2-lite-v1:0',
            });
            for await (const _event of model.stream([
              new Message({ role: 'user', content: [new TextBlock('Hi')] }),
            ])) {
              // Drained for its request only.
            }
            return;
          }
          const { runtime } = createBedrockClients(bedrockSettings(config));
          try {
            await new NovaCanvasImageModel({
              client: runtime,
              catalogueId: 'nova-canvas',
              providerModelId: 'amazon.nova-canvas-v1:0',
            }).generate({ prompt: 'A cup', aspectRatio: '1:1', count: 1 });
          } finally {
            runtime.destroy();
          }
        };
        try {
          expect(await outcome(call(credentials.secretAccessKey))).toBe('ok');
          expect(fake.requests.map((request) => request.accessKeyId)).toEqual([credentials.accessKeyId]);
          const rejected = await outcome(call(otherSecret(credentials.secretAccessKey)));
          expect(rejected).toBeInstanceOf(AppError);
          expect(rejected).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
          expect(fake.rejected).toEqual(['InvalidSignatureException']);
          expect(fake.requests).toHaveLength(1);
        } finally {
          await fake.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('SageMaker (InvokeEndpoint) verifies with the configured key and rejects another secret', async () => {
    await fc.assert(
      fc.asyncProperty(credentialsArbitrary, async (credentials) => {
        const fake = await startSageMakerFake({
          region: credentials.region,
          keys: [credentials],
          s3: unusedS3,
          outputS3Uri: 's3://adengine-test/out',
        });
        const call = async (secret: string) => {
          const config = env(credentials, secret, { AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: fake.endpoint });
          const { runtime, s3 } = createSageMakerClients(sageMakerSettings(config));
          try {
            await new QwenImageModel({
              client: runtime,
              endpointName: fake.imageEndpoint,
              catalogueId: 'qwen-image',
            }).generate({
              prompt: 'A cup',
              aspectRatio: '16:9',
              count: 1,
            });
          } finally {
            runtime.destroy();
            s3.destroy();
          }
        };
        try {
          expect(await outcome(call(credentials.secretAccessKey))).toBe('ok');
          expect(fake.requests.map((request) => request.accessKeyId)).toEqual([credentials.accessKeyId]);
          expect(await outcome(call(otherSecret(credentials.secretAccessKey)))).toMatchObject({
            code: 'PROVIDER_ERROR',
            retryable: false,
          });
          expect(fake.rejected).toEqual(['InvalidSignatureException']);
        } finally {
          await fake.close();
        }
      }),
      { numRuns: 15 },
    );
  });
});
