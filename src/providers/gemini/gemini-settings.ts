import type { Config } from '../../config/config.js';
import type { CatalogueEntry } from '../catalogue-entry.js';

export interface GeminiSettings {
  /** GEMINI_API_KEY (or GOOGLE_API_KEY). */
  apiKey: string | undefined;
  /** GEMINI_BASE_URL: a stand-in; the public API otherwise. */
  baseUrl: string | undefined;
}

export function geminiSettings(config: Config): GeminiSettings {
  return { apiKey: config.gemini.apiKey, baseUrl: config.gemini.baseUrl };
}

export function geminiMissing(_entry: CatalogueEntry, settings: GeminiSettings): string[] {
  return settings.apiKey === undefined ? ['GEMINI_API_KEY'] : [];
}
