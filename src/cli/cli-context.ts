import type { Services } from '../app/services.js';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger, type Logger } from '../logger.js';
import { createPrint, type Print } from './output.js';

/** Shared by every command: config parsed once, `--json`, and services opened on demand. */
export interface CliContext {
  config(): Config;
  logger(): Logger;
  print(): Print;
  json(): boolean;
  withServices<T>(work: (services: Services) => Promise<T>): Promise<T>;
}

export function createCliContext(isJson: () => boolean): CliContext {
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
    print: () => createPrint(isJson()),
    withServices: async (work) => {
      const { createServices } = await import('../app/services.js');
      const services = await createServices(context.config(), context.logger());
      try {
        return await work(services);
      } finally {
        await services.close();
      }
    },
  };
  return context;
}
