import { GoogleGenAI } from '@google/genai';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors/app-error.js';

/** The public Gemini Developer API; passed explicitly so SDK environment variables never redirect us. */
export const defaultGeminiBaseUrl = 'https://generativelanguage.googleapis.com/';

/**
 * The one place a Gemini client is built. No `retryOptions`: the SDK then makes exactly one
 * attempt per call, and retries stay in the resilience layer.
 */
export function createGeminiClient(config: Config): GoogleGenAI {
  const { apiKey, baseUrl } = config.gemini;
  if (!apiKey) {
    throw new AppError(
      'PROVIDER_NOT_CONFIGURED',
      'Gemini is not configured: set GEMINI_API_KEY (or GOOGLE_API_KEY)',
    );
  }
  return new GoogleGenAI({
    apiKey,
    vertexai: false,
    httpOptions: { baseUrl: baseUrl ?? defaultGeminiBaseUrl },
  });
}
