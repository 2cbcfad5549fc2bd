import type { S3Client } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { Config } from '../../config/config.js';
import { awsClientBase, createProviderS3Client } from '../bedrock/bedrock-clients.js';

export function createSageMakerClients(config: Config): { runtime: SageMakerRuntimeClient; s3: S3Client } {
  const endpoint = config.aws.endpoints.sagemakerRuntime;
  const runtime = new SageMakerRuntimeClient({
    ...awsClientBase(config),
    ...(endpoint === undefined ? {} : { endpoint }),
  });
  return { runtime, s3: createProviderS3Client(config) };
}
