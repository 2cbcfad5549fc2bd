import type { Model } from '@strands-agents/sdk';
import type { Config } from '../../config/config.js';
import { createGeminiClient } from './gemini-client.js';

export interface CreateGeminiChatModelOptions {
  config: Config;
  /** Gemini model id, e.g. `gemini-2.5-flash`. */
  providerModelId: string;
  maxTokens?: number;
  temperature?: number;
  /** Defaults to true (SSE `streamGenerateContent`); false uses one `generateContent` call. */
  streaming?: boolean;
}

/** A Strands chat model on Gemini. Strands is imported lazily: it costs most of a second at start-up. */
export async function createGeminiChatModel(options: CreateGeminiChatModelOptions): Promise<Model> {
  const client = createGeminiClient(options.config);
  const { GeminiChatModel } = await import('./gemini-chat-model.js');
  const params: Record<string, unknown> = {};
  if (options.maxTokens !== undefined) params.maxOutputTokens = options.maxTokens;
  if (options.temperature !== undefined) params.temperature = options.temperature;
  return new GeminiChatModel({
    client,
    modelId: options.providerModelId,
    params,
    streaming: options.streaming ?? true,
  });
}
