/** The parsed, frozen configuration every module receives. Nothing else reads `process.env`. */
export type Profile = 'development' | 'production';
export type StorageKind = 'local' | 's3' | 'gcs';

export interface CloudFrontConfig {
  domain: string;
  /** Both or neither: a signed-URL key pair. */
  keyPairId: string | undefined;
  privateKey: string | undefined;
  privateKeyFile: string | undefined;
}

export interface Config {
  profile: Profile;
  home: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database: { url: string | undefined; poolMax: number };
  credits: { holdTtlSeconds: number; sweepIntervalSeconds: number; initialLocalCredits: number };
  http: {
    host: string;
    port: number;
    allowedHosts: string[];
    auth: 'api-key' | 'none';
    publicUrl: string | undefined;
    /** The server's own limits on slow clients (Node's defaults are minutes). */
    timeouts: { headersMs: number; requestMs: number; keepAliveMs: number };
  };
  /** Bounds on what MCP sessions and reads may hold (docs/security.md). */
  mcp: {
    sessionsPerUser: number;
    sessionsMax: number;
    sessionIdleMinutes: number;
    samplingTimeoutMs: number;
    /** Larger assets answer `resources/read` with their URL unless the client asks for bytes. */
    inlineMaxBytes: number;
    /** The most one read ever inlines, even when asked. */
    readMaxBytes: number;
    /** Reads above `inlineMaxBytes` running at once in this process. */
    largeReadsMax: number;
  };
  stdioUser: string | undefined;
  assetUrlSecret: string | undefined;
  storage: {
    backend: StorageKind;
    s3: { bucket: string; prefix: string; forcePathStyle: boolean; endpoint: string | undefined } | undefined;
    cloudFront: CloudFrontConfig | undefined;
    gcs:
      | {
          bucket: string;
          prefix: string;
          cdnBaseUrl: string | undefined;
          projectId: string | undefined;
          credentialsFile: string | undefined;
          emulatorHost: string | undefined;
        }
      | undefined;
  };
  aws: {
    region: string | undefined;
    profile: string | undefined;
    /** Static credentials when given in the environment; otherwise the SDK's own chain. */
    credentials:
      | { accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined }
      | undefined;
    bedrockBearerToken: string | undefined;
    bedrockEnabled: 'auto' | 'true' | 'false';
    /** Where Nova Reel writes its videos (StartAsyncInvoke output). */
    bedrockVideoOutputS3Uri: string | undefined;
    endpoints: {
      s3: string | undefined;
      bedrockRuntime: string | undefined;
      /** The Bedrock control plane (ListFoundationModels, for `models sync`). */
      bedrock: string | undefined;
      sagemakerRuntime: string | undefined;
    };
  };
  sagemaker: {
    qwenImageEndpoint: string | undefined;
    wanVideoEndpoint: string | undefined;
    asyncS3Uri: string | undefined;
  };
  gemini: { apiKey: string | undefined; baseUrl: string | undefined };
  openai: { baseUrl: string | undefined; apiKey: string | undefined; model: string | undefined };
  models: {
    fallbackChain: string[];
    defaultChat: string | undefined;
    defaultImage: string | undefined;
    defaultVideo: string | undefined;
    timeoutMs: number;
    maxAttempts: number;
    /** Provider answers larger than these are refused before anything is stored or charged. */
    maxImageBytes: number;
    maxVideoBytes: number;
  };
  rateLimits: {
    /** Paid calls per user. */
    userPerMinute: number;
    providerPerMinute: number;
    /** HTTP requests per user, every route. */
    requestsPerMinute: number;
    /** Tool calls and resource reads per user, free ones included (paid calls also count against userPerMinute). */
    toolCallsPerMinute: number;
    /** New MCP sessions per user. */
    sessionsPerMinute: number;
  };
}
