import type { LogLevel } from '../../core/caller.js';
import type { Logger } from '../../logger.js';

/**
 * What the callers of both SDK generations build alike: a progress notification and the server's
 * own log line of a message sent to the client. Only the sending differs per SDK.
 */

export function progressNotification(
  progressToken: string | number,
  progress: number,
  total: number | undefined,
  message: string | undefined,
) {
  return {
    method: 'notifications/progress' as const,
    params: {
      progressToken,
      progress,
      ...(total === undefined ? {} : { total }),
      ...(message ? { message } : {}),
    },
  };
}

/** A tool's message for the client, also in the server's log under its source. */
export function logOnServer(logger: Logger, level: LogLevel, source: string, message: string): void {
  logger[level === 'warning' ? 'warn' : level === 'error' ? 'error' : 'info']({ source }, message);
}
