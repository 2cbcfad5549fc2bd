import type { BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { S3Client } from '@aws-sdk/client-s3';
import { awsClientBase } from '../aws/aws-settings.js';
import { createProviderS3Client } from '../aws/provider-s3-client.js';
import type { BedrockSettings } from './bedrock-settings.js';

/** The Bedrock Runtime client settings; Strands' BedrockModel gets the same through `clientConfig`. */
export function bedrockRuntimeClientConfig(settings: BedrockSettings): BedrockRuntimeClientConfig {
  const token = settings.bearerToken;
  const endpoint = settings.runtimeEndpoint;
  return {
    ...awsClientBase(settings.aws),
    ...(endpoint === undefined ? {} : { endpoint }),
    // A Bedrock API key replaces SigV4; saying so explicitly keeps the choice out of the environment.
    ...(token === undefined
      ? { authSchemePreference: ['sigv4'] }
      : { token: { token }, authSchemePreference: ['httpBearerAuth'] }),
  };
}

export function createBedrockClients(settings: BedrockSettings): {
  runtime: BedrockRuntimeClient;
  s3: S3Client;
} {
  return {
    runtime: new BedrockRuntimeClient(bedrockRuntimeClientConfig(settings)),
    s3: createProviderS3Client(settings.aws),
  };
}
