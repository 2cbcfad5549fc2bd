import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { awsClientBase } from '../aws/aws-settings.js';
import type { SageMakerSettings } from './sagemaker-settings.js';

/**
 * The control-plane client of `adengine deploy`. Its endpoint is the SDK's own: the regional
 * service, or AWS_ENDPOINT_URL_SAGEMAKER when set (the SDK reads that itself).
 */
export function createSageMakerControlClient(settings: SageMakerSettings): SageMakerClient {
  return new SageMakerClient(awsClientBase(settings.aws));
}
