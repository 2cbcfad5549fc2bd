import type { Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { OpenAIModel } from '@strands-agents/sdk/models/openai';
import { mapOpenAiError } from './openai-errors.js';

/** Strands' OpenAIModel (chat completions API) whose failures leave as AppError. */
export class OpenAiChatModel extends OpenAIModel {
  override async *stream(messages: Message[], options?: StreamOptions): AsyncIterable<ModelStreamEvent> {
    try {
      yield* super.stream(messages, options);
    } catch (error) {
      throw mapOpenAiError(error, options?.cancelSignal);
    }
  }
}
