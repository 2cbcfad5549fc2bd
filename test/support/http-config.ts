import type { Config } from '../../src/config/config.js';
import type { Core } from '../../src/core/create-core.js';
import { createLogger } from '../../src/logger.js';
import { createHttpApp, type HttpAppOptions } from '../../src/server/http-app.js';
import { configFrom } from '../fakes/scripted-config.js';

/** A config whose HTTP part allows the test host (127.0.0.1) and requires keys. */
export function loadConfigForTest(): Config {
  return configFrom({ ADENGINE_ALLOWED_HOSTS: '127.0.0.1,localhost' });
}

/** The HTTP app over a core, as `serve` builds it, quiet, for requests through `app.request`. */
export function testHttpApp(
  core: Core,
  overrides: Partial<HttpAppOptions> = {},
): ReturnType<typeof createHttpApp> {
  return createHttpApp({
    core,
    logger: createLogger('silent'),
    http: loadConfigForTest().http,
    version: 'test',
    ...overrides,
  });
}
