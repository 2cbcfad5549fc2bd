import { createRequire } from 'node:module';
import type { Logger } from 'pino';

export type { Logger };

const redactPaths = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.apiKey',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.privateKey',
];

// Loaded on first use, so `adengine stdio` answers `tools/list` without paying for pino.
const load = createRequire(import.meta.url);

/** Logs go to stderr: stdout belongs to the stdio transport. */
export function createLogger(level: string): Logger {
  const pino = load('pino') as typeof import('pino').default;
  return pino(
    { level, redact: { paths: redactPaths, censor: '***' } },
    pino.destination({ fd: 2, sync: false }),
  );
}
