import { describe, expect, it } from 'vitest';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { listCatalogue } from '../../src/providers/catalogue.js';
import { sageMakerSettings } from '../../src/providers/sagemaker/sagemaker-settings.js';
import { configFrom } from '../fakes/scripted-config.js';

const s3Storage = {
  STORAGE_BACKEND: 's3',
  S3_BUCKET: 'media-bucket',
  S3_PREFIX: 'adengine/',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret-example',
};

const configured = (environment: Record<string, string>) =>
  listCatalogue(configFrom(environment))
    .filter((model) => model.configured)
    .map((model) => model.id);

describe('provider output locations', () => {
  it('default to a prefix of the S3 storage bucket for Nova Reel and SageMaker async', () => {
    const config = configFrom({ ...s3Storage, SAGEMAKER_WAN_VIDEO_ENDPOINT: 'wan-video' });
    expect(bedrockSettings(config).videoOutputS3Uri).toBe('s3://media-bucket/adengine/nova-reel-output/');
    expect(sageMakerSettings(config).asyncS3Uri).toBe('s3://media-bucket/adengine/sagemaker-async/');
    expect(configured({ ...s3Storage, SAGEMAKER_WAN_VIDEO_ENDPOINT: 'wan-video' })).toEqual(
      expect.arrayContaining(['nova-reel', 'wan2.2']),
    );
  });

  it('use the URIs set explicitly, and need them without S3 storage', () => {
    const config = configFrom({
      ...s3Storage,
      BEDROCK_VIDEO_OUTPUT_S3_URI: 's3://reel/out/',
      SAGEMAKER_ASYNC_S3_URI: 's3://async/in/',
    });
    expect(bedrockSettings(config).videoOutputS3Uri).toBe('s3://reel/out/');
    expect(sageMakerSettings(config).asyncS3Uri).toBe('s3://async/in/');
    const local = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example' };
    expect(configured(local)).not.toContain('nova-reel');
    expect(() => configFrom({ ...local, SAGEMAKER_WAN_VIDEO_ENDPOINT: 'wan-video' })).toThrow(
      /SAGEMAKER_ASYNC_S3_URI/,
    );
  });
});
