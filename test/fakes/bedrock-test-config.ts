import type { Config } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/load-config.js';

/** A parsed Config for the AWS stand-ins: explicit fake keys and endpoints, nothing from the real environment. */
export function awsTestConfig(env: Record<string, string | undefined>): Config {
  const result = parseConfig({ ADENGINE_PROFILE: 'development', ...env });
  if (!result.ok) throw new Error(`test config: ${JSON.stringify(result.problems)}`);
  return result.config;
}
