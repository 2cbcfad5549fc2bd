import type { BaseModelConfig, Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { Model, TextBlock } from '@strands-agents/sdk';

/**
 * For models that reject a forced tool choice (the row's `noForcedToolChoice`): a forced choice
 * becomes `auto` with the same demand in the system prompt. Strands forces its structured output
 * tool when a model first answers in text; on these models that call would fail outright.
 */
export class UnforcedToolChoiceModel extends Model<BaseModelConfig> {
  constructor(private readonly inner: Model<BaseModelConfig>) {
    super();
  }

  updateConfig(modelConfig: BaseModelConfig): void {
    this.inner.updateConfig(modelConfig);
  }

  getConfig(): BaseModelConfig {
    return this.inner.getConfig();
  }

  stream(messages: Message[], options?: StreamOptions): AsyncIterable<ModelStreamEvent> {
    const choice = options?.toolChoice;
    if (options === undefined || choice === undefined || 'auto' in choice)
      return this.inner.stream(messages, options);
    const demand =
      'tool' in choice
        ? `Answer now by calling the tool ${choice.tool.name}, with no text before or after it.`
        : 'Answer now by calling one of the tools, with no text before or after it.';
    return this.inner.stream(messages, {
      ...options,
      toolChoice: { auto: {} },
      systemPrompt: withDemand(options.systemPrompt, demand),
    });
  }
}

function withDemand(prompt: StreamOptions['systemPrompt'], demand: string): StreamOptions['systemPrompt'] {
  if (prompt === undefined) return demand;
  if (typeof prompt === 'string') return `${prompt}\n\n${demand}`;
  return [...prompt, new TextBlock(demand)];
}
