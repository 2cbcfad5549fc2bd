import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { errorReport } from '../../src/cli/output.js';
import { toBedrockError } from '../../src/providers/bedrock/bedrock-errors.js';
import { mapGcsError } from '../../src/storage/gcs/gcs-errors.js';
import { mapS3Error } from '../../src/storage/s3/s3-errors.js';

/** What the real SDK throws: nothing is sent, the region check fails first. */
async function thrownBy(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const staticKeys = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example-secret' };

describe('set-up errors name the variable and the fix', () => {
  it('S3 without a region (the SDK says only "Region is missing")', async () => {
    const error = await thrownBy(() =>
      new S3Client({ credentials: staticKeys }).send(new ListObjectsV2Command({ Bucket: 'b' })),
    );
    expect(String((error as Error).message)).toMatch(/Region is missing/);
    const mapped = mapS3Error(error);
    expect(mapped.code).toBe('CONFIG_ERROR');
    expect(errorReport(mapped)).toEqual({
      code: 'CONFIG_ERROR',
      message: 'S3 storage needs an AWS region',
      fix: 'set AWS_REGION (e.g. AWS_REGION=us-east-1), or a region in the AWS_PROFILE config',
    });
  });

  it('S3 without credentials', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(errorReport(mapS3Error(error))).toMatchObject({
      code: 'CONFIG_ERROR',
      fix: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE',
    });
  });

  it('Bedrock without a region', async () => {
    const error = await thrownBy(() =>
      new BedrockRuntimeClient({ credentials: staticKeys }).send(
        new ConverseCommand({ modelId: 'm', messages: [] }),
      ),
    );
    const mapped = toBedrockError(error);
    expect(mapped.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(mapped.message).toMatch(/^bedrock: no AWS region\. Fix: set AWS_REGION/);
  });

  it('Bedrock without credentials names the three ways to give them', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(toBedrockError(error).message).toMatch(
      /Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or AWS_BEARER_TOKEN_BEDROCK/,
    );
  });

  it('GCS without credentials, with an unreadable key file, and refused', () => {
    const noCredentials = new Error(
      'Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.',
    );
    expect(errorReport(mapGcsError(noCredentials))).toMatchObject({
      code: 'CONFIG_ERROR',
      message: 'Cloud Storage found no Google Cloud credentials',
      fix: expect.stringMatching(/^set GOOGLE_APPLICATION_CREDENTIALS/),
    });
    const missingFile = Object.assign(
      new Error("ENOENT: no such file or directory, open '/nowhere/key.json'"),
      { code: 'ENOENT' },
    );
    expect(mapGcsError(missingFile).message).toMatch(
      /could not read the credentials file \/nowhere\/key\.json \(ENOENT\)\. Fix: set GOOGLE_APPLICATION_CREDENTIALS/,
    );
    const anonymous = Object.assign(new Error('Anonymous caller does not have storage.objects.list access'), {
      code: 401,
    });
    expect(mapGcsError(anonymous).message).toMatch(/HTTP 401\)\. Fix: set GOOGLE_APPLICATION_CREDENTIALS/);
  });

  it('a message without "Fix:" gets the default fix of its code', () => {
    expect(errorReport(new Error('boom'))).toMatchObject({
      code: 'INTERNAL',
      message: 'an internal error occurred (boom)',
      fix: expect.stringMatching(/LOG_LEVEL=debug/),
    });
  });
});
