import type { S3Client } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { awsClientBase } from '../aws/aws-settings.js';
import { createProviderS3Client } from '../aws/provider-s3-client.js';
import type { SageMakerSettings } from './sagemaker-settings.js';

export function createSageMakerClients(settings: SageMakerSettings): {
  runtime: SageMakerRuntimeClient;
  s3: S3Client;
} {
  const endpoint = settings.runtimeEndpoint;
  const runtime = new SageMakerRuntimeClient({
    ...awsClientBase(settings.aws),
    ...(endpoint === undefined ? {} : { endpoint }),
  });
  return { runtime, s3: createProviderS3Client(settings.aws) };
}
