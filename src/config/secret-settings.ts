import type { Config } from './config.js';
import type { RawEnv } from './env-schema.js';

/** Dotted paths to the string settings of a config section, checked by the compiler. */
type StringPaths<T> = {
  [K in keyof T & string]: NonNullable<T[K]> extends string
    ? K
    : NonNullable<T[K]> extends readonly unknown[]
      ? never
      : NonNullable<T[K]> extends object
        ? `${K}.${StringPaths<NonNullable<T[K]>>}`
        : never;
}[keyof T & string];

export type ConfigPath = StringPaths<Config>;

export interface SecretSetting {
  /** Where the value sits in Config. */
  path: ConfigPath;
  /** The environment variables it is read from. */
  variables: readonly (keyof RawEnv)[];
  /** `secret`: hidden whole. `url`: only its userinfo and secret-looking query parameters are hidden. */
  kind: 'secret' | 'url';
}

/** Every setting whose value must not be printed, logged or echoed; the logger, doctor and messages derive from it. */
export const secretSettings: readonly SecretSetting[] = [
  { path: 'aws.credentials.secretAccessKey', variables: ['AWS_SECRET_ACCESS_KEY'], kind: 'secret' },
  { path: 'aws.credentials.sessionToken', variables: ['AWS_SESSION_TOKEN'], kind: 'secret' },
  { path: 'aws.bedrockBearerToken', variables: ['AWS_BEARER_TOKEN_BEDROCK'], kind: 'secret' },
  { path: 'gemini.apiKey', variables: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], kind: 'secret' },
  { path: 'openai.apiKey', variables: ['OPENAI_API_KEY'], kind: 'secret' },
  { path: 'storage.cloudFront.privateKey', variables: ['CLOUDFRONT_PRIVATE_KEY'], kind: 'secret' },
  { path: 'assetUrlSecret', variables: ['ADENGINE_ASSET_URL_SECRET'], kind: 'secret' },
  { path: 'database.url', variables: ['DATABASE_URL'], kind: 'url' },
  { path: 'http.publicUrl', variables: ['ADENGINE_PUBLIC_URL'], kind: 'url' },
  { path: 'openai.baseUrl', variables: ['OPENAI_BASE_URL'], kind: 'url' },
  { path: 'gemini.baseUrl', variables: ['GEMINI_BASE_URL'], kind: 'url' },
  { path: 'aws.endpoints.s3', variables: ['AWS_ENDPOINT_URL_S3'], kind: 'url' },
  { path: 'storage.s3.endpoint', variables: ['AWS_ENDPOINT_URL_S3'], kind: 'url' },
  { path: 'aws.endpoints.bedrockRuntime', variables: ['AWS_ENDPOINT_URL_BEDROCK_RUNTIME'], kind: 'url' },
  { path: 'aws.endpoints.bedrock', variables: ['AWS_ENDPOINT_URL_BEDROCK'], kind: 'url' },
  { path: 'aws.endpoints.sagemakerRuntime', variables: ['AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME'], kind: 'url' },
  { path: 'storage.gcs.cdnBaseUrl', variables: ['GCS_CDN_BASE_URL'], kind: 'url' },
  { path: 'storage.gcs.emulatorHost', variables: ['STORAGE_EMULATOR_HOST'], kind: 'url' },
  { path: 'sagemaker.asyncS3Uri', variables: ['SAGEMAKER_ASYNC_S3_URI'], kind: 'url' },
  { path: 'aws.bedrockVideoOutputS3Uri', variables: ['BEDROCK_VIDEO_OUTPUT_S3_URI'], kind: 'url' },
];
