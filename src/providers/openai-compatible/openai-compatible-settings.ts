import type { Config } from '../../config/config.js';
import type { CatalogueEntry } from '../catalogue-entry.js';

export interface OpenAiCompatibleSettings {
  /** OPENAI_BASE_URL: the `/v1` root of the server (vLLM, Ollama, a hosted API). */
  baseUrl: string | undefined;
  /** OPENAI_API_KEY, when the server wants one. */
  apiKey: string | undefined;
  /** OPENAI_MODEL: whatever model name the server serves. */
  model: string | undefined;
}

export function openAiCompatibleSettings(config: Config): OpenAiCompatibleSettings {
  return { baseUrl: config.openai.baseUrl, apiKey: config.openai.apiKey, model: config.openai.model };
}

export function openAiCompatibleMissing(
  _entry: CatalogueEntry,
  settings: OpenAiCompatibleSettings,
): string[] {
  return settings.baseUrl === undefined ? ['OPENAI_BASE_URL'] : [];
}
