import type { Config } from '../../config/config.js';
import { type AwsSettings, awsSettings, defaultProviderS3Uri } from '../aws/aws-settings.js';
import type { CatalogueEntry } from '../catalogue-entry.js';

export interface BedrockSettings {
  aws: AwsSettings;
  /** BEDROCK_ENABLED: `auto` turns Bedrock on when AWS access is configured. */
  enabled: 'auto' | 'true' | 'false';
  /** AWS_BEARER_TOKEN_BEDROCK: a Bedrock API key, sent instead of a SigV4 signature. */
  bearerToken: string | undefined;
  /** AWS_ENDPOINT_URL_BEDROCK_RUNTIME (a stand-in or a VPC endpoint). */
  runtimeEndpoint: string | undefined;
  /** AWS_ENDPOINT_URL_BEDROCK: the control plane (ListFoundationModels, for `models sync`). */
  controlEndpoint: string | undefined;
  /** BEDROCK_VIDEO_OUTPUT_S3_URI, else `nova-reel-output/` in the S3 storage bucket. */
  videoOutputS3Uri: string | undefined;
}

export function bedrockSettings(config: Config): BedrockSettings {
  return {
    aws: awsSettings(config),
    enabled: config.aws.bedrockEnabled,
    bearerToken: config.aws.bedrockBearerToken,
    runtimeEndpoint: config.aws.endpoints.bedrockRuntime,
    controlEndpoint: config.aws.endpoints.bedrock,
    videoOutputS3Uri: config.aws.bedrockVideoOutputS3Uri ?? defaultProviderS3Uri(config, 'nova-reel-output'),
  };
}

const awsAccessHint =
  'AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY or AWS_PROFILE or AWS_BEARER_TOKEN_BEDROCK (or BEDROCK_ENABLED=true)';

function accessMissing(settings: BedrockSettings): string[] {
  if (settings.enabled === 'true') return [];
  if (settings.enabled === 'false') return ['BEDROCK_ENABLED=auto or BEDROCK_ENABLED=true'];
  const hasAccess =
    settings.aws.credentials !== undefined ||
    settings.aws.profile !== undefined ||
    settings.bearerToken !== undefined ||
    settings.runtimeEndpoint !== undefined;
  return hasAccess ? [] : [awsAccessHint];
}

/** What a Bedrock row still needs, from the settings alone (no network). */
export function bedrockMissing(entry: CatalogueEntry, settings: BedrockSettings): string[] {
  const missing = accessMissing(settings);
  if (entry.kind === 'video' && settings.videoOutputS3Uri === undefined)
    missing.push('BEDROCK_VIDEO_OUTPUT_S3_URI');
  return missing;
}
