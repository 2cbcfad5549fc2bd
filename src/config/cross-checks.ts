import type { Config } from './config.js';
import type { RawEnv } from './env-schema.js';
import { limitDefaults } from './limit-defaults.js';

export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Cross-variable rules: the combinations the schema alone cannot express. */
export function crossCheck(env: RawEnv, profile: Config['profile']): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const need = (variable: string, message: string) => problems.push({ variable, message });
  const backend = env.STORAGE_BACKEND ?? 'local';

  if (backend === 's3' && env.S3_BUCKET === undefined) {
    need('S3_BUCKET', 'is required when STORAGE_BACKEND=s3. Fix: set S3_BUCKET to the bucket name');
  }
  if (backend === 'gcs' && env.GCS_BUCKET === undefined) {
    need('GCS_BUCKET', 'is required when STORAGE_BACKEND=gcs. Fix: set GCS_BUCKET to the bucket name');
  }
  if (env.CLOUDFRONT_PRIVATE_KEY !== undefined && env.CLOUDFRONT_PRIVATE_KEY_FILE !== undefined) {
    need(
      'CLOUDFRONT_PRIVATE_KEY_FILE',
      'cannot be set together with CLOUDFRONT_PRIVATE_KEY. Fix: keep only one of them',
    );
  }
  const hasPrivateKey =
    env.CLOUDFRONT_PRIVATE_KEY !== undefined || env.CLOUDFRONT_PRIVATE_KEY_FILE !== undefined;
  if (env.CLOUDFRONT_KEY_PAIR_ID !== undefined && !hasPrivateKey) {
    need(
      'CLOUDFRONT_PRIVATE_KEY',
      'is required with CLOUDFRONT_KEY_PAIR_ID. Fix: set CLOUDFRONT_PRIVATE_KEY or CLOUDFRONT_PRIVATE_KEY_FILE, or unset CLOUDFRONT_KEY_PAIR_ID',
    );
  }
  if (hasPrivateKey && env.CLOUDFRONT_KEY_PAIR_ID === undefined) {
    need(
      'CLOUDFRONT_KEY_PAIR_ID',
      'is required with a CloudFront private key. Fix: set CLOUDFRONT_KEY_PAIR_ID, or unset the private key',
    );
  }
  if ((env.CLOUDFRONT_KEY_PAIR_ID !== undefined || hasPrivateKey) && env.CLOUDFRONT_DOMAIN === undefined) {
    need(
      'CLOUDFRONT_DOMAIN',
      'is required when a CloudFront key pair is set. Fix: set CLOUDFRONT_DOMAIN to the distribution domain',
    );
  }
  if (env.CLOUDFRONT_DOMAIN !== undefined && backend !== 's3') {
    need(
      'CLOUDFRONT_DOMAIN',
      'only applies to STORAGE_BACKEND=s3. Fix: set STORAGE_BACKEND=s3 or unset CLOUDFRONT_DOMAIN',
    );
  }
  if ((env.AWS_ACCESS_KEY_ID === undefined) !== (env.AWS_SECRET_ACCESS_KEY === undefined)) {
    const missing = env.AWS_ACCESS_KEY_ID === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY';
    need(
      missing,
      'is required with its pair. Fix: set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither',
    );
  }
  // With S3 storage, async inputs default to sagemaker-async/ in that bucket.
  const s3Storage = backend === 's3' && env.S3_BUCKET !== undefined;
  if (
    env.SAGEMAKER_WAN_VIDEO_ENDPOINT !== undefined &&
    env.SAGEMAKER_ASYNC_S3_URI === undefined &&
    !s3Storage
  ) {
    need(
      'SAGEMAKER_ASYNC_S3_URI',
      'is required with SAGEMAKER_WAN_VIDEO_ENDPOINT (async inference input) unless STORAGE_BACKEND=s3. Fix: set it to an s3:// prefix',
    );
  }

  if (Number(env.MCP_SAMPLING_TIMEOUT_SECONDS ?? 0) > 600) {
    need(
      'MCP_SAMPLING_TIMEOUT_SECONDS',
      'must be at most 600: a client that never answers holds the call that long. Fix: e.g. MCP_SAMPLING_TIMEOUT_SECONDS=60',
    );
  }
  if (Number(env.HTTP_HEADERS_TIMEOUT_SECONDS ?? 10) > Number(env.HTTP_REQUEST_TIMEOUT_SECONDS ?? 60)) {
    need(
      'HTTP_HEADERS_TIMEOUT_SECONDS',
      'must not exceed HTTP_REQUEST_TIMEOUT_SECONDS (Node refuses it). Fix: lower it or raise HTTP_REQUEST_TIMEOUT_SECONDS',
    );
  }
  const { inlineMaxBytes, readMaxBytes } = limitDefaults.mcp;
  if (Number(env.MCP_INLINE_MAX_BYTES ?? inlineMaxBytes) > Number(env.MCP_READ_MAX_BYTES ?? readMaxBytes)) {
    need(
      'MCP_INLINE_MAX_BYTES',
      'must not exceed MCP_READ_MAX_BYTES. Fix: lower it or raise MCP_READ_MAX_BYTES',
    );
  }

  if (profile === 'production') {
    if (env.DATABASE_URL === undefined) {
      need(
        'DATABASE_URL',
        'is required in production (the embedded database is for development). Fix: set DATABASE_URL=postgres://…',
      );
    }
    if (backend === 'local') {
      need(
        'STORAGE_BACKEND',
        'must be s3 or gcs in production. Fix: set STORAGE_BACKEND=s3 with S3_BUCKET, or gcs with GCS_BUCKET',
      );
    }
    if (env.ADENGINE_AUTH === 'none') {
      need('ADENGINE_AUTH', 'cannot be none in production: HTTP needs API keys. Fix: unset ADENGINE_AUTH');
    }
  }
  return problems;
}
