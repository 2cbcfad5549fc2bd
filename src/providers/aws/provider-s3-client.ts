import { S3Client } from '@aws-sdk/client-s3';
import { type AwsSettings, awsClientBase } from './aws-settings.js';

/** S3 client for the buckets providers write to (Nova Reel output, SageMaker async input/output). */
export function createProviderS3Client(settings: AwsSettings): S3Client {
  const { endpoint, forcePathStyle } = settings.s3;
  return new S3Client({
    ...awsClientBase(settings),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(forcePathStyle === undefined ? {} : { forcePathStyle }),
    // Default checksums send aws-chunked bodies that S3-compatible stores mishandle; real S3 accepts both.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
