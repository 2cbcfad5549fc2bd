import { describe, expect, it } from 'vitest';
import { createBedrockClients } from '../../src/providers/bedrock/bedrock-clients.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { createSageMakerClients } from '../../src/providers/sagemaker/sagemaker-clients.js';
import { sageMakerSettings } from '../../src/providers/sagemaker/sagemaker-settings.js';
import { awsTestConfig } from '../fakes/bedrock-test-config.js';

const keys = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'secret' };

describe('AWS client factories', () => {
  it('default to us-east-1, one attempt, the configured keys and WHEN_REQUIRED checksums', async () => {
    const { runtime, s3 } = createBedrockClients(bedrockSettings(awsTestConfig(keys)));
    try {
      expect(await runtime.config.region()).toBe('us-east-1');
      expect(await runtime.config.maxAttempts()).toBe(1);
      expect(await s3.config.maxAttempts()).toBe(1);
      expect(await runtime.config.credentials()).toMatchObject({
        accessKeyId: 'AKIAEXAMPLE000000000',
        secretAccessKey: 'secret',
      });
      expect(await s3.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
      expect(await s3.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
      expect(s3.config.forcePathStyle).toBe(false);
    } finally {
      runtime.destroy();
      s3.destroy();
    }
  });

  it('use the configured region, endpoints and path style', async () => {
    const config = awsTestConfig({
      ...keys,
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:9001',
      AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: 'http://127.0.0.1:9002',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9003',
      S3_BUCKET: 'bucket',
      S3_FORCE_PATH_STYLE: 'true',
    });
    const bedrock = createBedrockClients(bedrockSettings(config));
    const sagemaker = createSageMakerClients(sageMakerSettings(config));
    try {
      expect(await bedrock.runtime.config.region()).toBe('eu-west-1');
      const endpoint = async (client: {
        config: { endpoint?: () => Promise<{ hostname: string; port?: number }> };
      }) => (await client.config.endpoint?.())?.port;
      expect(await endpoint(bedrock.runtime)).toBe(9001);
      expect(await endpoint(sagemaker.runtime)).toBe(9002);
      expect(await endpoint(bedrock.s3)).toBe(9003);
      expect(bedrock.s3.config.forcePathStyle).toBe(true);
      expect(await sagemaker.runtime.config.maxAttempts()).toBe(1);
    } finally {
      for (const client of [bedrock.runtime, bedrock.s3, sagemaker.runtime, sagemaker.s3]) client.destroy();
    }
  });

  it('prefer the Bedrock API key (bearer) when one is configured', async () => {
    const { runtime, s3 } = createBedrockClients(
      bedrockSettings(awsTestConfig({ AWS_BEARER_TOKEN_BEDROCK: 'api-key' })),
    );
    try {
      expect(await runtime.config.authSchemePreference()).toEqual(['httpBearerAuth']);
      expect(await runtime.config.token?.({})).toMatchObject({ token: 'api-key' });
    } finally {
      runtime.destroy();
      s3.destroy();
    }
  });
});
