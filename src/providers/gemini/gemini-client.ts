import { GoogleGenAI } from '@google/genai';
import { AppError } from '../../errors/app-error.js';
import type { GeminiSettings } from './gemini-settings.js';

/** The public Gemini Developer API; passed explicitly so SDK environment variables never redirect us. */
export const defaultGeminiBaseUrl = 'https://generativelanguage.googleapis.com/';

/**
 * The one place a Gemini client is built. No `retryOptions`: the SDK then makes exactly one
 * attempt per call, and retries stay in the resilience layer.
 */
export function createGeminiClient(settings: GeminiSettings): GoogleGenAI {
  const { apiKey, baseUrl } = settings;
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
