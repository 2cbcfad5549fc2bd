import type { BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../config/config.js';

export const defaultAwsRegion = 'us-east-1';

/** Settings every AWS client shares: explicit region and credentials, and one try (retries live in resilience). */
export function awsClientBase(config: Config): {
  region: string;
  maxAttempts: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
} {
  const credentials = config.aws.credentials;
  return {
    region: config.aws.region ?? defaultAwsRegion,
    maxAttempts: 1,
    ...(credentials === undefined
      ? {}
      : {
          credentials: {
            accessKeyId: credentials.accessKeyId,
            secretAccessKey: credentials.secretAccessKey,
            ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
          },
        }),
  };
}

/** The Bedrock Runtime client settings; Strands' BedrockModel gets the same through `clientConfig`. */
export function bedrockRuntimeClientConfig(config: Config): BedrockRuntimeClientConfig {
  const token = config.aws.bedrockBearerToken;
  const endpoint = config.aws.endpoints.bedrockRuntime;
  return {
    ...awsClientBase(config),
    ...(endpoint === undefined ? {} : { endpoint }),
    // A Bedrock API key replaces SigV4; saying so explicitly keeps the choice out of the environment.
    ...(token === undefined
      ? { authSchemePreference: ['sigv4'] }
      : { token: { token }, authSchemePreference: ['httpBearerAuth'] }),
  };
}

/** S3 client for the buckets providers write to (Nova Reel output, SageMaker async input/output). */
export function createProviderS3Client(config: Config): S3Client {
  const endpoint = config.aws.endpoints.s3;
  const forcePathStyle = config.storage.s3?.forcePathStyle;
  return new S3Client({
    ...awsClientBase(config),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(forcePathStyle === undefined ? {} : { forcePathStyle }),
    // Default checksums send aws-chunked bodies that S3-compatible stores mishandle; real S3 accepts both.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function createBedrockClients(config: Config): { runtime: BedrockRuntimeClient; s3: S3Client } {
  return {
    runtime: new BedrockRuntimeClient(bedrockRuntimeClientConfig(config)),
    s3: createProviderS3Client(config),
  };
}
