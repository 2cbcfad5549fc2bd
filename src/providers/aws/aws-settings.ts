import type { Config } from '../../config/config.js';

/** Used when no AWS_REGION is set, by every AWS client and by the Bedrock inference-profile choice. */
export const defaultAwsRegion = 'us-east-1';

/** The AWS settings Bedrock and SageMaker share; each adds its own endpoints and resources. */
export interface AwsSettings {
  /** AWS_REGION, else `defaultAwsRegion`. */
  region: string;
  /** Static keys when given; otherwise the SDK's own chain (AWS_PROFILE, instance roles) finds them. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined } | undefined;
  /** AWS_PROFILE: only whether one is named matters here, since the SDK's chain reads it itself. */
  profile: string | undefined;
  /** The buckets providers write to (Nova Reel output, SageMaker async input and output). */
  s3: { endpoint: string | undefined; forcePathStyle: boolean | undefined };
}

export function awsSettings(config: Config): AwsSettings {
  return {
    region: config.aws.region ?? defaultAwsRegion,
    credentials: config.aws.credentials,
    profile: config.aws.profile,
    s3: { endpoint: config.aws.endpoints.s3, forcePathStyle: config.storage.s3?.forcePathStyle },
  };
}

/** Settings every AWS client shares: explicit region and credentials, and one try (retries live in resilience). */
export function awsClientBase(settings: AwsSettings): {
  region: string;
  maxAttempts: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
} {
  const { credentials } = settings;
  return {
    region: settings.region,
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

/**
 * Where a provider writes its outputs when no URI is set for it: `name/` under the configured
 * S3 storage bucket and prefix (the bucket the server already reads from); undefined otherwise.
 */
export function defaultProviderS3Uri(config: Config, name: string): string | undefined {
  const s3 = config.storage.backend === 's3' ? config.storage.s3 : undefined;
  if (s3 === undefined) return undefined;
  const prefix = s3.prefix.replace(/^\/+|\/+$/g, '');
  return `s3://${s3.bucket}/${prefix === '' ? '' : `${prefix}/`}${name}/`;
}
