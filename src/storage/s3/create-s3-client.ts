import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../config/config.js';

/** Builds the client from Config; absent settings fall through to the SDK's own chain (profile, IMDS…). */
export function createS3Client(config: Config): S3Client {
  const endpoint = config.aws.endpoints.s3;
  const credentials = config.aws.credentials;
  return new S3Client({
    // S3-compatible servers ignore the region, but the SDK needs one to sign.
    region: config.aws.region ?? (endpoint === undefined ? undefined : 'us-east-1'),
    endpoint,
    forcePathStyle: config.storage.s3?.forcePathStyle ?? false,
    profile: config.aws.profile,
    credentials:
      credentials === undefined
        ? undefined
        : {
            accessKeyId: credentials.accessKeyId,
            secretAccessKey: credentials.secretAccessKey,
            sessionToken: credentials.sessionToken,
          },
    // Retries live in withRetries alone; two layers would multiply attempts.
    maxAttempts: 1,
    // Default checksums send stream bodies aws-chunked (many S3-compatible servers store the framing)
    // and bake an empty-body CRC32 into presigned PUT URLs.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 300_000 },
  });
}
