import type { Config } from '../../src/config/config.js';
import { configFrom } from '../fakes/scripted-config.js';

/** A config whose HTTP part allows the test host (127.0.0.1) and requires keys. */
export function loadConfigForTest(): Config {
  return configFrom({ ADENGINE_ALLOWED_HOSTS: '127.0.0.1,localhost' });
}
