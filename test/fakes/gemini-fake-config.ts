import type { Config } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/load-config.js';

/** A real parsed Config pointing the Gemini and OpenAI-compatible providers at local fakes. */
export function fakeProviderConfig(providers: {
  gemini?: { baseUrl: string; apiKey: string };
  openai?: { baseUrl: string; apiKey?: string };
}): Config {
  const result = parseConfig({
    ...(providers.gemini
      ? { GEMINI_API_KEY: providers.gemini.apiKey, GEMINI_BASE_URL: providers.gemini.baseUrl }
      : {}),
    ...(providers.openai
      ? { OPENAI_BASE_URL: providers.openai.baseUrl, OPENAI_API_KEY: providers.openai.apiKey }
      : {}),
  });
  if (!result.ok) throw new Error(`test config rejected: ${JSON.stringify(result.problems)}`);
  return result.config;
}
