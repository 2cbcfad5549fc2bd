import type { GenerateContentParameters, GenerateContentResponse, GoogleGenAI } from '@google/genai';
import type { Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { GoogleModel, type GoogleModelConfig } from '@strands-agents/sdk/models/google';
import { mapGeminiError } from './gemini-errors.js';

export interface GeminiChatModelOptions {
  client: GoogleGenAI;
  modelId: string;
  params: Record<string, unknown>;
  /** false: one `generateContent` call per turn instead of the SSE stream. */
  streaming: boolean;
}

/**
 * Strands' GoogleModel only calls `models.generateContentStream` (and `countTokens`); this view
 * answers that with a single non-streamed `generateContent` response, which has the same shape.
 */
export function nonStreamingView(client: GoogleGenAI): GoogleGenAI {
  const models = {
    generateContentStream: async (params: GenerateContentParameters) => {
      const response = await client.models.generateContent(params);
      return (async function* single(): AsyncGenerator<GenerateContentResponse> {
        yield response;
      })();
    },
    countTokens: client.models.countTokens.bind(client.models),
  };
  return { models } as unknown as GoogleGenAI;
}

/**
 * Gemini chat through Strands' GoogleModel, plus what it lacks: the caller's cancel signal reaches
 * the HTTP request (`config.abortSignal`), and failures leave as AppError.
 */
export class GeminiChatModel extends GoogleModel {
  private readonly transport: GoogleGenAI;

  constructor(options: GeminiChatModelOptions) {
    const transport = options.streaming ? options.client : nonStreamingView(options.client);
    super({ client: transport, modelId: options.modelId, params: options.params });
    this.transport = transport;
  }

  override async *stream(messages: Message[], options?: StreamOptions): AsyncIterable<ModelStreamEvent> {
    const signal = options?.cancelSignal;
    // GoogleModel has no per-call options, so each call gets its own one carrying the signal.
    const config: GoogleModelConfig = this.getConfig();
    const call = new GoogleModel({
      ...config,
      client: this.transport,
      params: { ...config.params, ...(signal ? { abortSignal: signal } : {}) },
    });
    try {
      for await (const event of call.stream(messages, options)) {
        if (signal?.aborted) break;
        yield event;
      }
    } catch (error) {
      throw mapGeminiError(error, signal);
    }
    if (signal?.aborted) throw mapGeminiError(signal.reason, signal);
  }
}
