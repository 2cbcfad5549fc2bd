import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import type { Core } from '../core/create-core.js';
import { createLogger, type Logger } from '../logger.js';
import { createPrint, failAndExit, type Print } from './output.js';

/** An opened process, as a command sees it: the core, and how to close it. */
export interface OpenedCore {
  core: Core;
  /** Migrations applied while opening. */
  migrationsApplied: string[];
  stop(): Promise<void>;
}

export type OpenCore = (config: Config, logger: Logger) => Promise<OpenedCore>;

/** Shared by every command: config parsed once, `--json`, and the core opened on demand. */
export interface CliContext {
  config(): Config;
  logger(): Logger;
  print(): Print;
  json(): boolean;
  /** Reports the error on stderr (text or `--json`) and exits with its code. */
  fail(error: unknown): never;
  withCore<T>(work: (core: Core, opened: OpenedCore) => Promise<T>): Promise<T>;
}

/** `openCore` comes from the bin, the one caller of the composition root. */
export function createCliContext(isJson: () => boolean, openCore: OpenCore): CliContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  const context: CliContext = {
    config: () => {
      config ??= loadConfig();
      return config;
    },
    logger: () => {
      logger ??= createLogger(context.config().logLevel === 'info' ? 'warn' : context.config().logLevel);
      return logger;
    },
    json: isJson,
    fail: (error) => failAndExit(error, isJson()),
    print: () => createPrint(isJson()),
    withCore: async (work) => {
      const opened = await openCore(context.config(), context.logger());
      try {
        return await work(opened.core, opened);
      } finally {
        await opened.stop();
      }
    },
  };
  return context;
}
