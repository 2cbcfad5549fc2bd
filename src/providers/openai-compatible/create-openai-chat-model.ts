import type { Model } from '@strands-agents/sdk';
import { AppError } from '../../errors/app-error.js';
import type { OpenAiCompatibleSettings } from './openai-compatible-settings.js';

export interface CreateOpenAiChatModelOptions {
  settings: OpenAiCompatibleSettings;
  /** Whatever model name the server on OPENAI_BASE_URL serves. */
  modelName: string;
  maxTokens?: number;
  temperature?: number;
}

/**
 * A Strands chat model on any OpenAI-compatible `/chat/completions` server. It always streams
 * (`stream: true`, `stream_options.include_usage`). `maxRetries: 0`: retries live in one place.
 */
export async function createOpenAiChatModel(options: CreateOpenAiChatModelOptions): Promise<Model> {
  const { baseUrl, apiKey } = options.settings;
  if (!baseUrl) {
    throw new AppError(
      'PROVIDER_NOT_CONFIGURED',
      'the OpenAI-compatible provider is not configured: set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one)',
    );
  }
  const { OpenAiChatModel } = await import('./openai-chat-model.js');
  return new OpenAiChatModel({
    api: 'chat',
    modelId: options.modelName,
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    // Local servers (vLLM, Ollama…) often need no key, but the client refuses to start without one.
    // Strands checks the top-level option (or OPENAI_API_KEY), not `clientConfig.apiKey`.
    apiKey: apiKey ?? 'not-needed',
    clientConfig: {
      baseURL: baseUrl,
      maxRetries: 0,
      // Explicit, so OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_LOG in the environment change nothing.
      organization: null,
      project: null,
      logLevel: 'off',
    },
  });
}
