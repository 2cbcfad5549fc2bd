import pino, { type Logger } from 'pino';

export type { Logger };

const redactPaths = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.apiKey',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.privateKey',
  'key',
  '*.key',
];

/** Logs go to stderr: stdout belongs to the stdio transport. */
export function createLogger(level: string): Logger {
  return pino(
    { level, redact: { paths: redactPaths, censor: '***' } },
    pino.destination({ fd: 2, sync: false }),
  );
}
