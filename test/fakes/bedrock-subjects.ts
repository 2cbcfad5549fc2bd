import type { Model } from '@strands-agents/sdk';
import { Message, TextBlock } from '@strands-agents/sdk';
import { AppError } from '../../src/errors/app-error.js';
import { createBedrockClients } from '../../src/providers/bedrock/bedrock-clients.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { createBedrockChatModel } from '../../src/providers/bedrock/create-bedrock-chat-model.js';
import { NovaCanvasImageModel } from '../../src/providers/bedrock/nova-canvas-image-model.js';
import { NovaReelVideoModel } from '../../src/providers/bedrock/nova-reel-video-model.js';
import { type BedrockFake, type BedrockFakeOptions, startBedrockFake } from './bedrock-fake.js';
import { awsTestConfig } from './bedrock-test-config.js';
import { s3rverCredentials, startS3rver } from './s3rver-instance.js';

export interface BedrockSubjectOptions {
  fake?: Omit<BedrockFakeOptions, 's3' | 'keys'>;
  /** What the adapters are configured with; the stand-in always expects s3rver's pair. */
  env?: Record<string, string | undefined>;
}

/** Bedrock + S3 stand-ins and every Bedrock adapter built from one Config, as the registry builds them. */
export async function startBedrockSubject(options: BedrockSubjectOptions = {}) {
  const s3rver = await startS3rver({ buckets: ['adengine-videos'] });
  const fake: BedrockFake = await startBedrockFake({
    ...options.fake,
    keys: [s3rverCredentials],
    s3: s3rver.client(),
  });
  const config = awsTestConfig({
    AWS_REGION: fake.region,
    AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.endpoint,
    AWS_ENDPOINT_URL_S3: s3rver.endpoint,
    S3_BUCKET: 'adengine-videos',
    S3_FORCE_PATH_STYLE: 'true',
    ...options.env,
  });
  const { runtime, s3 } = createBedrockClients(bedrockSettings(config));
  const image = new NovaCanvasImageModel({
    client: runtime,
    catalogueId: 'nova-canvas',
    providerModelId: 'amazon.nova-canvas-v1:0',
  });
  const video = new NovaReelVideoModel({
    client: runtime,
    s3,
    catalogueId: 'nova-reel',
    providerModelId: 'amazon.nova-reel-v1:1',
    outputS3Uri: 's3://adengine-videos/nova-reel',
  });
  const chat = (stream: boolean) =>
    createBedrockChatModel({
      settings: bedrockSettings(config),
      providerModelId: 'us.amazon.nova-2-lite-v1:0',
      stream,
      maxTokens: 256,
    });
  return {
    fake,
    config,
    image,
    video,
    chat,
    close: async () => {
      runtime.destroy();
      s3.destroy();
      await fake.close();
      await s3rver.close();
    },
  };
}

/** Runs a chat stream to its end and returns the text (throws what the stream throws). */
export async function chatText(model: Model, signal?: AbortSignal): Promise<string> {
  let text = '';
  const messages = [new Message({ role: 'user', content: [new TextBlock('Write a slogan.')] })];
  for await (const event of model.stream(messages, signal === undefined ? {} : { cancelSignal: signal })) {
    if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
      text += event.delta.text;
  }
  return text;
}

/** The AppError a call fails with; fails the test if it succeeds or throws anything else. */
export async function appErrorOf(call: Promise<unknown>): Promise<AppError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError)) throw new Error(`expected an AppError, got ${String(outcome)}`);
  return outcome;
}
