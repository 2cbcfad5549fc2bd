import path from 'node:path';
import type { Config } from './config.js';
import type { RawEnv } from './env-schema.js';
import { limitDefaults } from './limit-defaults.js';

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes)$/i.test(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** The typed, defaulted configuration from a checked environment. */
export function build(env: RawEnv, profile: Config['profile'], cwd: string): Config {
  const backend = env.STORAGE_BACKEND ?? 'local';
  const port = env.PORT === undefined ? 8787 : Number(env.PORT);
  const host = env.HOST ?? '127.0.0.1';
  const allowed = list(env.ADENGINE_ALLOWED_HOSTS);
  const { mcp, rateLimits: rates } = limitDefaults;
  return {
    profile,
    home: path.resolve(cwd, env.ADENGINE_HOME ?? '.adengine'),
    logLevel: env.LOG_LEVEL ?? 'info',
    database: { url: env.DATABASE_URL, poolMax: Number(env.DATABASE_POOL_MAX ?? 20) },
    credits: {
      holdTtlSeconds: Number(env.CREDITS_HOLD_TTL_SECONDS ?? 900),
      sweepIntervalSeconds: Number(env.CREDITS_SWEEP_INTERVAL_SECONDS ?? 60),
      initialLocalCredits: Number(env.ADENGINE_INITIAL_CREDITS ?? 1000),
    },
    http: {
      host,
      port,
      allowedHosts: allowed.length > 0 ? allowed : loopbackHosts,
      auth: env.ADENGINE_AUTH ?? 'api-key',
      publicUrl: env.ADENGINE_PUBLIC_URL,
      timeouts: {
        headersMs: Number(env.HTTP_HEADERS_TIMEOUT_SECONDS ?? 10) * 1000,
        requestMs: Number(env.HTTP_REQUEST_TIMEOUT_SECONDS ?? 60) * 1000,
        keepAliveMs: Number(env.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS ?? 5) * 1000,
      },
    },
    mcp: {
      sessionsPerUser: Number(env.MCP_SESSIONS_PER_USER ?? mcp.sessionsPerUser),
      sessionsMax: Number(env.MCP_SESSIONS_MAX ?? mcp.sessionsMax),
      sessionIdleMinutes: Number(env.MCP_SESSION_IDLE_MINUTES ?? mcp.sessionIdleMinutes),
      samplingTimeoutMs:
        env.MCP_SAMPLING_TIMEOUT_SECONDS === undefined
          ? mcp.samplingTimeoutMs
          : Number(env.MCP_SAMPLING_TIMEOUT_SECONDS) * 1000,
      inlineMaxBytes: Number(env.MCP_INLINE_MAX_BYTES ?? mcp.inlineMaxBytes),
      readMaxBytes: Number(env.MCP_READ_MAX_BYTES ?? mcp.readMaxBytes),
      largeReadsMax: Number(env.MCP_LARGE_READS_MAX ?? mcp.largeReadsMax),
    },
    stdioUser: env.ADENGINE_USER,
    assetUrlSecret: env.ADENGINE_ASSET_URL_SECRET,
    storage: {
      backend,
      s3:
        env.S3_BUCKET === undefined
          ? undefined
          : {
              bucket: env.S3_BUCKET,
              prefix: env.S3_PREFIX ?? '',
              forcePathStyle: truthy(env.S3_FORCE_PATH_STYLE),
              endpoint: env.AWS_ENDPOINT_URL_S3,
            },
      cloudFront:
        env.CLOUDFRONT_DOMAIN === undefined
          ? undefined
          : {
              domain: env.CLOUDFRONT_DOMAIN,
              keyPairId: env.CLOUDFRONT_KEY_PAIR_ID,
              privateKey: env.CLOUDFRONT_PRIVATE_KEY,
              privateKeyFile: env.CLOUDFRONT_PRIVATE_KEY_FILE,
            },
      gcs:
        env.GCS_BUCKET === undefined
          ? undefined
          : {
              bucket: env.GCS_BUCKET,
              prefix: env.GCS_PREFIX ?? '',
              cdnBaseUrl: env.GCS_CDN_BASE_URL,
              projectId: env.GCS_PROJECT_ID,
              credentialsFile: env.GOOGLE_APPLICATION_CREDENTIALS,
              emulatorHost: env.STORAGE_EMULATOR_HOST,
            },
    },
    aws: {
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
      profile: env.AWS_PROFILE,
      credentials:
        env.AWS_ACCESS_KEY_ID !== undefined && env.AWS_SECRET_ACCESS_KEY !== undefined
          ? {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              sessionToken: env.AWS_SESSION_TOKEN,
            }
          : undefined,
      bedrockBearerToken: env.AWS_BEARER_TOKEN_BEDROCK,
      bedrockEnabled: env.BEDROCK_ENABLED ?? 'auto',
      bedrockVideoOutputS3Uri: env.BEDROCK_VIDEO_OUTPUT_S3_URI,
      endpoints: {
        s3: env.AWS_ENDPOINT_URL_S3,
        bedrockRuntime: env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME,
        bedrock: env.AWS_ENDPOINT_URL_BEDROCK,
        sagemakerRuntime: env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME,
      },
    },
    sagemaker: {
      qwenImageEndpoint: env.SAGEMAKER_QWEN_IMAGE_ENDPOINT,
      wanVideoEndpoint: env.SAGEMAKER_WAN_VIDEO_ENDPOINT,
      asyncS3Uri: env.SAGEMAKER_ASYNC_S3_URI,
    },
    gemini: { apiKey: env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY, baseUrl: env.GEMINI_BASE_URL },
    openai: { baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL },
    models: {
      fallbackChain: list(env.MODEL_FALLBACK_CHAIN),
      defaultChat: env.DEFAULT_CHAT_MODEL,
      defaultImage: env.DEFAULT_IMAGE_MODEL,
      defaultVideo: env.DEFAULT_VIDEO_MODEL,
      timeoutMs: Number(env.PROVIDER_TIMEOUT_MS ?? 120_000),
      maxAttempts: Number(env.PROVIDER_MAX_ATTEMPTS ?? 3),
      maxImageBytes: Number(env.PROVIDER_MAX_IMAGE_BYTES ?? 20 * 1024 * 1024),
      maxVideoBytes: Number(env.PROVIDER_MAX_VIDEO_BYTES ?? 200 * 1024 * 1024),
    },
    rateLimits: {
      userPerMinute: Number(env.RATE_LIMIT_USER_PER_MINUTE ?? rates.userPerMinute),
      providerPerMinute: Number(env.RATE_LIMIT_PROVIDER_PER_MINUTE ?? rates.providerPerMinute),
      requestsPerMinute: Number(env.RATE_LIMIT_REQUESTS_PER_MINUTE ?? rates.requestsPerMinute),
      toolCallsPerMinute: Number(env.RATE_LIMIT_TOOL_CALLS_PER_MINUTE ?? rates.toolCallsPerMinute),
      sessionsPerMinute: Number(env.RATE_LIMIT_SESSIONS_PER_MINUTE ?? rates.sessionsPerMinute),
    },
  };
}
