import { z } from 'zod';

/**
 * Every environment variable AdEngine reads, flat as in the environment. Each message
 * says what is wrong and how to fix it, and never echoes the value (it may be a secret).
 */
const optionalText = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string())
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const url = (fix: string) =>
  optionalText.refine((value) => value === undefined || URL.canParse(value), {
    message: `must be a URL. Fix: ${fix}`,
  });

const boolean = (fix: string) =>
  optionalText.refine((value) => value === undefined || /^(1|0|true|false|yes|no)$/i.test(value), {
    message: `must be true or false. Fix: ${fix}`,
  });

const positiveInt = (fix: string) =>
  optionalText.refine((value) => value === undefined || /^[1-9][0-9]{0,8}$/.test(value), {
    message: `must be a positive whole number. Fix: ${fix}`,
  });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  optionalText
    .refine((value) => value === undefined || (values as readonly string[]).includes(value), {
      message: `must be one of ${values.join(', ')}. Fix: set it to one of them or unset it`,
    })
    .transform((value) => value as T[number] | undefined);

export const envSchema = z.object({
  ADENGINE_PROFILE: oneOf(['development', 'production'] as const),
  NODE_ENV: optionalText,
  ADENGINE_HOME: optionalText,
  ADENGINE_USER: optionalText,
  ADENGINE_AUTH: oneOf(['api-key', 'none'] as const),
  ADENGINE_PUBLIC_URL: url('set the public base URL of the server, e.g. https://ads.example.com'),
  ADENGINE_ASSET_URL_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, {
    message: 'must be at least 32 characters. Fix: use `openssl rand -hex 32`',
  }),
  ADENGINE_INITIAL_CREDITS: optionalText.refine(
    (value) => value === undefined || /^[0-9]{1,9}$/.test(value),
    {
      message: 'must be a whole number of credits. Fix: e.g. ADENGINE_INITIAL_CREDITS=1000',
    },
  ),
  DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\/.+/.test(value), {
    message:
      'must be a postgres:// URL. Fix: e.g. postgres://user:password@host:5432/adengine, or unset it for the embedded database',
  }),
  DATABASE_POOL_MAX: positiveInt('e.g. DATABASE_POOL_MAX=20'),
  CREDITS_HOLD_TTL_SECONDS: positiveInt('e.g. CREDITS_HOLD_TTL_SECONDS=900'),
  CREDITS_SWEEP_INTERVAL_SECONDS: positiveInt('e.g. CREDITS_SWEEP_INTERVAL_SECONDS=60'),

  STORAGE_BACKEND: oneOf(['local', 's3', 'gcs'] as const),
  S3_BUCKET: optionalText,
  S3_PREFIX: optionalText,
  S3_FORCE_PATH_STYLE: boolean('S3_FORCE_PATH_STYLE=true for MinIO and other path-style servers'),
  CLOUDFRONT_DOMAIN: optionalText.refine(
    (value) => value === undefined || /^[a-z0-9.-]+(:[0-9]+)?$/i.test(value),
    {
      message:
        'must be a bare host name such as d111111abcdef8.cloudfront.net. Fix: drop the scheme and path',
    },
  ),
  CLOUDFRONT_KEY_PAIR_ID: optionalText,
  CLOUDFRONT_PRIVATE_KEY: optionalText,
  CLOUDFRONT_PRIVATE_KEY_FILE: optionalText,
  GCS_BUCKET: optionalText,
  GCS_PREFIX: optionalText,
  GCS_CDN_BASE_URL: url('set the https base URL of the CDN in front of the bucket'),
  GCS_PROJECT_ID: optionalText,
  GOOGLE_APPLICATION_CREDENTIALS: optionalText,
  STORAGE_EMULATOR_HOST: optionalText,

  AWS_REGION: optionalText,
  AWS_DEFAULT_REGION: optionalText,
  AWS_PROFILE: optionalText,
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
  AWS_SESSION_TOKEN: optionalText,
  AWS_BEARER_TOKEN_BEDROCK: optionalText,
  AWS_ENDPOINT_URL_S3: url('set the S3 endpoint, e.g. http://127.0.0.1:9000'),
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: url('set the Bedrock Runtime endpoint URL'),
  AWS_ENDPOINT_URL_BEDROCK: url('set the Bedrock control-plane endpoint URL'),
  AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: url('set the SageMaker Runtime endpoint URL'),
  BEDROCK_ENABLED: oneOf(['auto', 'true', 'false'] as const),
  SAGEMAKER_QWEN_IMAGE_ENDPOINT: optionalText,
  SAGEMAKER_WAN_VIDEO_ENDPOINT: optionalText,
  SAGEMAKER_ASYNC_S3_URI: optionalText.refine(
    (value) => value === undefined || /^s3:\/\/[^/]+(\/.*)?$/.test(value),
    {
      message:
        'must be an s3://bucket/prefix URI. Fix: e.g. SAGEMAKER_ASYNC_S3_URI=s3://my-bucket/sagemaker-async/',
    },
  ),
  BEDROCK_VIDEO_OUTPUT_S3_URI: optionalText.refine(
    (value) => value === undefined || /^s3:\/\/[^/]+(\/.*)?$/.test(value),
    {
      message:
        'must be an s3://bucket/prefix URI. Fix: e.g. BEDROCK_VIDEO_OUTPUT_S3_URI=s3://my-bucket/nova-reel/',
    },
  ),
  GEMINI_API_KEY: optionalText,
  GOOGLE_API_KEY: optionalText,
  GEMINI_BASE_URL: url('set the Gemini API base URL, e.g. https://generativelanguage.googleapis.com'),
  OPENAI_BASE_URL: url('set the server base URL, e.g. http://127.0.0.1:11434/v1'),
  OPENAI_API_KEY: optionalText,
  OPENAI_MODEL: optionalText,
  MODEL_FALLBACK_CHAIN: optionalText,
  DEFAULT_CHAT_MODEL: optionalText,
  DEFAULT_IMAGE_MODEL: optionalText,
  DEFAULT_VIDEO_MODEL: optionalText,
  PROVIDER_TIMEOUT_MS: positiveInt('e.g. PROVIDER_TIMEOUT_MS=120000'),
  PROVIDER_MAX_ATTEMPTS: positiveInt('e.g. PROVIDER_MAX_ATTEMPTS=3'),
  RATE_LIMIT_USER_PER_MINUTE: positiveInt('e.g. RATE_LIMIT_USER_PER_MINUTE=60'),
  RATE_LIMIT_PROVIDER_PER_MINUTE: positiveInt('e.g. RATE_LIMIT_PROVIDER_PER_MINUTE=600'),
  RATE_LIMIT_REQUESTS_PER_MINUTE: positiveInt('e.g. RATE_LIMIT_REQUESTS_PER_MINUTE=600'),
  RATE_LIMIT_TOOL_CALLS_PER_MINUTE: positiveInt('e.g. RATE_LIMIT_TOOL_CALLS_PER_MINUTE=300'),
  RATE_LIMIT_SESSIONS_PER_MINUTE: positiveInt('e.g. RATE_LIMIT_SESSIONS_PER_MINUTE=30'),
  PROVIDER_MAX_IMAGE_BYTES: positiveInt('e.g. PROVIDER_MAX_IMAGE_BYTES=20971520 (20 MiB)'),
  PROVIDER_MAX_VIDEO_BYTES: positiveInt('e.g. PROVIDER_MAX_VIDEO_BYTES=209715200 (200 MiB)'),
  MCP_SESSIONS_PER_USER: positiveInt('e.g. MCP_SESSIONS_PER_USER=20'),
  MCP_SESSIONS_MAX: positiveInt('e.g. MCP_SESSIONS_MAX=1000'),
  MCP_SESSION_IDLE_MINUTES: positiveInt('e.g. MCP_SESSION_IDLE_MINUTES=10'),
  MCP_SAMPLING_TIMEOUT_SECONDS: positiveInt('e.g. MCP_SAMPLING_TIMEOUT_SECONDS=60'),
  MCP_INLINE_MAX_BYTES: positiveInt('e.g. MCP_INLINE_MAX_BYTES=1048576 (1 MiB)'),
  MCP_READ_MAX_BYTES: positiveInt('e.g. MCP_READ_MAX_BYTES=16777216 (16 MiB)'),
  MCP_LARGE_READS_MAX: positiveInt('e.g. MCP_LARGE_READS_MAX=2'),
  HTTP_HEADERS_TIMEOUT_SECONDS: positiveInt('e.g. HTTP_HEADERS_TIMEOUT_SECONDS=10'),
  HTTP_REQUEST_TIMEOUT_SECONDS: positiveInt('e.g. HTTP_REQUEST_TIMEOUT_SECONDS=60'),
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: positiveInt('e.g. HTTP_KEEP_ALIVE_TIMEOUT_SECONDS=5'),

  HOST: optionalText,
  PORT: optionalText.refine(
    (value) => value === undefined || (/^[0-9]{1,5}$/.test(value) && Number(value) <= 65535),
    {
      message: 'must be a port number from 0 to 65535. Fix: e.g. PORT=8787',
    },
  ),
  ADENGINE_ALLOWED_HOSTS: optionalText,
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
});

export type RawEnv = z.infer<typeof envSchema>;
