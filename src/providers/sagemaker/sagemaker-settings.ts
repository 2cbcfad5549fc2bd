import type { Config } from '../../config/config.js';
import { type AwsSettings, awsSettings, defaultProviderS3Uri } from '../aws/aws-settings.js';
import type { CatalogueEntry } from '../catalogue-entry.js';

export interface SageMakerSettings {
  aws: AwsSettings;
  /** AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME (a stand-in or a VPC endpoint). */
  runtimeEndpoint: string | undefined;
  /** SAGEMAKER_QWEN_IMAGE_ENDPOINT: the real-time endpoint serving Qwen-Image. */
  qwenImageEndpoint: string | undefined;
  /** SAGEMAKER_WAN_VIDEO_ENDPOINT: the asynchronous endpoint serving Wan2.2. */
  wanVideoEndpoint: string | undefined;
  /** SAGEMAKER_ASYNC_S3_URI, else `sagemaker-async/` in the S3 storage bucket: where async inputs go. */
  asyncS3Uri: string | undefined;
}

export function sageMakerSettings(config: Config): SageMakerSettings {
  return {
    aws: awsSettings(config),
    runtimeEndpoint: config.aws.endpoints.sagemakerRuntime,
    qwenImageEndpoint: config.sagemaker.qwenImageEndpoint,
    wanVideoEndpoint: config.sagemaker.wanVideoEndpoint,
    asyncS3Uri: config.sagemaker.asyncS3Uri ?? defaultProviderS3Uri(config, 'sagemaker-async'),
  };
}

/** What a SageMaker row still needs: its endpoint (and, for video, the async input location). */
export function sageMakerMissing(entry: CatalogueEntry, settings: SageMakerSettings): string[] {
  if (entry.kind === 'image')
    return settings.qwenImageEndpoint === undefined ? ['SAGEMAKER_QWEN_IMAGE_ENDPOINT'] : [];
  return [
    ...(settings.wanVideoEndpoint === undefined ? ['SAGEMAKER_WAN_VIDEO_ENDPOINT'] : []),
    ...(settings.asyncS3Uri === undefined ? ['SAGEMAKER_ASYNC_S3_URI'] : []),
  ];
}
