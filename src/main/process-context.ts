import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';

/**
 * What a long-running process (`serve`, `stdio`) takes from the bin that starts it: the parsed
 * configuration, the logger, and how to end the process on a fatal error. The CLI's context is
 * one; the composition root does not know the CLI.
 */
export interface ProcessContext {
  config(): Config;
  logger(): Logger;
  /** Reports the error on stderr (in the bin's output mode) and exits with its code. */
  fail(error: unknown): never;
}
