import type { Message, Model, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { bedrockRuntimeClientConfig } from './bedrock-clients.js';
import { toBedrockError } from './bedrock-errors.js';
import type { BedrockSettings } from './bedrock-settings.js';

export interface BedrockChatModelOptions {
  settings: BedrockSettings;
  /** Bedrock model or inference-profile id, e.g. `us.anthropic.claude-sonnet-4-5-20250929-v1:0`. */
  providerModelId: string;
  maxTokens?: number;
  /** ConverseStream when true (the default), Converse otherwise. */
  stream?: boolean;
}

/**
 * A Strands `BedrockModel` whose failures leave as AppErrors. Strands is imported lazily: it costs
 * about a second of start-up. Context-window overflow stays Strands' own error, since its
 * conversation managers react to that type.
 */
export async function createBedrockChatModel(options: BedrockChatModelOptions): Promise<Model> {
  const strands = await import('@strands-agents/sdk');

  class AppErrorBedrockModel extends strands.BedrockModel {
    override async *stream(
      messages: Message[],
      streamOptions?: StreamOptions,
    ): AsyncIterable<ModelStreamEvent> {
      try {
        yield* super.stream(messages, streamOptions);
      } catch (error) {
        if (error instanceof strands.ContextWindowOverflowError) throw error;
        throw toBedrockError(error, streamOptions?.cancelSignal);
      }
    }
  }

  return new AppErrorBedrockModel({
    modelId: options.providerModelId,
    stream: options.stream ?? true,
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
    region: options.settings.aws.region,
    clientConfig: bedrockRuntimeClientConfig(options.settings),
  }) as Model;
}
