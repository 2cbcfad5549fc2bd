import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { AppError } from '../errors/app-error.js';
import type { Config } from './config.js';
import { envSchema, type RawEnv } from './env-schema.js';

export interface ConfigProblem {
  variable: string;
  message: string;
}

const loopbackHosts = ['localhost', '127.0.0.1', '[::1]'];

/** The limits' defaults (docs/security.md); also what a server built without a config applies. */
export const limitDefaults: Readonly<Pick<Config, 'mcp' | 'rateLimits'>> = {
  mcp: {
    sessionsPerUser: 20,
    sessionsMax: 1000,
    sessionIdleMinutes: 10,
    samplingTimeoutMs: 60_000,
    inlineMaxBytes: 1024 * 1024,
    readMaxBytes: 16 * 1024 * 1024,
    largeReadsMax: 2,
  },
  rateLimits: {
    userPerMinute: 120,
    providerPerMinute: 600,
    requestsPerMinute: 600,
    toolCallsPerMinute: 300,
    sessionsPerMinute: 30,
  },
};

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes)$/i.test(value);
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Cross-variable rules: the combinations the schema alone cannot express. */
function crossCheck(env: RawEnv, profile: Config['profile']): ConfigProblem[] {
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

function build(env: RawEnv, profile: Config['profile'], cwd: string): Config {
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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

export type ParseResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** Parses an environment; pure, so property tests can drive it. */
export function parseConfig(
  environment: Record<string, string | undefined>,
  cwd = process.cwd(),
): ParseResult {
  const known = Object.fromEntries(Object.keys(envSchema.shape).map((name) => [name, environment[name]]));
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(environment)'),
      message: issue.message,
    }));
    return { ok: false, problems };
  }
  const env = parsed.data;
  const profile = env.ADENGINE_PROFILE ?? (env.NODE_ENV === 'production' ? 'production' : 'development');
  const problems = crossCheck(env, profile);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: deepFreeze(build(env, profile, cwd)) };
}

export function formatProblems(problems: ConfigProblem[]): string {
  return problems.map((problem) => `${problem.variable} ${problem.message}`).join('; ');
}

/** Reads `.env` (when present, without overriding the real environment) and parses once. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parseDotenv(readFileSync(path.join(cwd, '.env')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const result = parseConfig({ ...fromFile, ...environment }, cwd);
  if (!result.ok) {
    throw new AppError('CONFIG_ERROR', `configuration is invalid: ${formatProblems(result.problems)}`, {
      details: { problems: result.problems },
    });
  }
  return result.config;
}
