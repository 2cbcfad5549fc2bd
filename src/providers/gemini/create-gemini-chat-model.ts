import type { GoogleGenAI } from '@google/genai';
import type { Model } from '@strands-agents/sdk';

export interface CreateGeminiChatModelOptions {
  /** From createGeminiClient: one per process, shared with the image and video adapters. */
  client: GoogleGenAI;
  /** Gemini model id, e.g. `gemini-2.5-flash`. */
  providerModelId: string;
  maxTokens?: number;
  temperature?: number;
  /** Defaults to true (SSE `streamGenerateContent`); false uses one `generateContent` call. */
  streaming?: boolean;
}

/** A Strands chat model on Gemini. Strands is imported lazily: it costs most of a second at start-up. */
export async function createGeminiChatModel(options: CreateGeminiChatModelOptions): Promise<Model> {
  const { GeminiChatModel } = await import('./gemini-chat-model.js');
  const params: Record<string, unknown> = {};
  if (options.maxTokens !== undefined) params.maxOutputTokens = options.maxTokens;
  if (options.temperature !== undefined) params.temperature = options.temperature;
  return new GeminiChatModel({
    client: options.client,
    modelId: options.providerModelId,
    params,
    streaming: options.streaming ?? true,
  });
}
