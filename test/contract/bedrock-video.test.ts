import { describe, expect, it } from 'vitest';
import { createBedrockClients } from '../../src/providers/bedrock/bedrock-clients.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { NovaReelVideoModel } from '../../src/providers/bedrock/nova-reel-video-model.js';
import { findModel } from '../../src/providers/catalogue.js';
import { startBedrockFake } from '../fakes/bedrock-fake.js';
import { awsTestConfig } from '../fakes/bedrock-test-config.js';
import { s3rverCredentials, startS3rver } from '../fakes/s3rver-instance.js';
import { describeVideoModelContract } from './video-model.contract.js';

const providerModelId = findModel('nova-reel')?.providerModelId ?? '';

/** Bedrock and S3 stand-ins wired as in production: one Config, one client pair from createBedrockClients. */
async function novaReelSubject() {
  const s3rver = await startS3rver({ buckets: ['adengine-videos'] });
  // s3rver only knows its own key id, so both stand-ins are given that key pair.
  const fake = await startBedrockFake({ keys: [s3rverCredentials], s3: s3rver.client() });
  const config = awsTestConfig({
    AWS_REGION: fake.region,
    AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: fake.endpoint,
    AWS_ENDPOINT_URL_S3: s3rver.endpoint,
    S3_BUCKET: 'adengine-videos',
    S3_FORCE_PATH_STYLE: 'true',
    BEDROCK_VIDEO_OUTPUT_S3_URI: 's3://adengine-videos/nova-reel',
  });
  const { runtime, s3 } = createBedrockClients(bedrockSettings(config));
  const model = new NovaReelVideoModel({
    client: runtime,
    s3,
    catalogueId: 'nova-reel',
    providerModelId,
    outputS3Uri: 's3://adengine-videos/nova-reel',
  });
  return {
    fake,
    model,
    completeAll: () => fake.completeAll(),
    failNext: () => fake.failNext(),
    close: async () => {
      runtime.destroy();
      s3.destroy();
      await fake.close();
      await s3rver.close();
    },
  };
}

describeVideoModelContract('bedrock nova-reel', novaReelSubject);

describe('bedrock nova-reel: what reached the stand-in', () => {
  it('starts a TEXT_VIDEO job for 6 s and a MULTI_SHOT_AUTOMATED job for longer, writing under the output URI', async () => {
    const subject = await novaReelSubject();
    try {
      await subject.model.start({ prompt: 'Waves', durationSeconds: 6, aspectRatio: '16:9', seed: 3 });
      await subject.model.start({ prompt: 'Waves', durationSeconds: 13, aspectRatio: '16:9' });
      const bodies = subject.fake.requests.map((request) => request.body as Record<string, unknown>);
      expect(subject.fake.requests.every((request) => request.modelId === providerModelId)).toBe(true);
      expect(bodies[0]).toMatchObject({
        modelInput: {
          taskType: 'TEXT_VIDEO',
          videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 3 },
        },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://adengine-videos/nova-reel' } },
      });
      expect(bodies[1]).toMatchObject({
        modelInput: { taskType: 'MULTI_SHOT_AUTOMATED', videoGenerationConfig: { durationSeconds: 12 } },
      });
    } finally {
      await subject.close();
    }
  });
});
