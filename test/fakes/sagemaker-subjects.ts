import { QwenImageModel } from '../../src/providers/sagemaker/qwen-image-model.js';
import { createSageMakerClients } from '../../src/providers/sagemaker/sagemaker-clients.js';
import { sageMakerSettings } from '../../src/providers/sagemaker/sagemaker-settings.js';
import { WanVideoModel } from '../../src/providers/sagemaker/wan-video-model.js';
import { awsTestConfig } from './bedrock-test-config.js';
import { s3rverCredentials, startS3rver } from './s3rver-instance.js';
import { type SageMakerFake, type SageMakerFakeOptions, startSageMakerFake } from './sagemaker-fake.js';

export const asyncBucket = 'adengine-async';

/**
 * The SageMaker and S3 stand-ins wired as in production: one Config (s3rver's key pair, since it
 * knows no other), clients from createSageMakerClients, the two adapters on top.
 */
export async function startSageMakerSubject(
  options: Partial<Omit<SageMakerFakeOptions, 's3' | 'outputS3Uri'>> & { secretAccessKey?: string } = {},
) {
  const s3rver = await startS3rver({ buckets: [asyncBucket] });
  const fakeS3 = s3rver.client();
  const fake: SageMakerFake = await startSageMakerFake({
    keys: [s3rverCredentials],
    ...options,
    s3: fakeS3,
    outputS3Uri: `s3://${asyncBucket}/async-output`,
  });
  const config = awsTestConfig({
    AWS_REGION: options.region ?? fake.region,
    AWS_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: options.secretAccessKey ?? s3rverCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: fake.endpoint,
    AWS_ENDPOINT_URL_S3: s3rver.endpoint,
    S3_BUCKET: asyncBucket,
    S3_FORCE_PATH_STYLE: 'true',
    SAGEMAKER_QWEN_IMAGE_ENDPOINT: fake.imageEndpoint,
    SAGEMAKER_WAN_VIDEO_ENDPOINT: fake.videoEndpoint,
    SAGEMAKER_ASYNC_S3_URI: `s3://${asyncBucket}/async-input`,
  });
  const { runtime, s3 } = createSageMakerClients(sageMakerSettings(config));
  const image = new QwenImageModel({
    client: runtime,
    endpointName: fake.imageEndpoint,
    catalogueId: 'qwen-image',
  });
  const video = new WanVideoModel({
    client: runtime,
    s3,
    endpointName: fake.videoEndpoint,
    asyncS3Uri: `s3://${asyncBucket}/async-input`,
    catalogueId: 'wan2.2',
  });
  return {
    fake,
    s3,
    image,
    video,
    close: async () => {
      runtime.destroy();
      s3.destroy();
      await fake.close();
      await s3rver.close();
    },
  };
}
