import type { Config } from './config.js';

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
