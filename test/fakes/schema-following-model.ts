import {
  type BaseModelConfig,
  type Message,
  Model,
  type ModelStreamEvent,
  type StreamOptions,
} from '@strands-agents/sdk';
import { minimalInstance } from './schema-minimal-instance.js';
import { structuredOutputToolName } from './scripted-strands-model.js';

/**
 * A model that always calls the structured output tool with the least its schema allows, as a
 * model decoding constrained by the schema may. It refuses a forced tool choice when told to,
 * like the models that reject one (issue 13).
 */
export class SchemaFollowingModel extends Model<BaseModelConfig> {
  readonly toolChoices: StreamOptions['toolChoice'][] = [];
  /** The structured output tool's input schema, as last sent. */
  lastSchema: unknown;

  constructor(private readonly options: { refuseForcedToolChoice?: boolean } = {}) {
    super();
  }

  updateConfig(): void {}

  getConfig(): BaseModelConfig {
    return { modelId: 'schema-following' };
  }

  async *stream(_messages: Message[], streamOptions: StreamOptions = {}): AsyncGenerator<ModelStreamEvent> {
    const choice = streamOptions.toolChoice;
    this.toolChoices.push(choice);
    if (this.options.refuseForcedToolChoice && choice !== undefined && !('auto' in choice))
      throw new Error('ValidationException: this model does not support forcing a tool choice');
    const spec = (streamOptions.toolSpecs ?? []).find((tool) => tool.name === structuredOutputToolName);
    this.lastSchema = spec?.inputSchema;
    yield { type: 'modelMessageStartEvent', role: 'assistant' };
    if (spec === undefined) {
      yield { type: 'modelContentBlockStartEvent' };
      yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'textDelta', text: 'no tool to call' } };
      yield { type: 'modelContentBlockStopEvent' };
      yield { type: 'modelMessageStopEvent', stopReason: 'endTurn' };
      return;
    }
    yield {
      type: 'modelContentBlockStartEvent',
      start: { type: 'toolUseStart', name: spec.name, toolUseId: `tooluse_${this.toolChoices.length}` },
    };
    yield {
      type: 'modelContentBlockDeltaEvent',
      delta: { type: 'toolUseInputDelta', input: JSON.stringify(minimalInstance(spec.inputSchema)) },
    };
    yield { type: 'modelContentBlockStopEvent' };
    yield { type: 'modelMessageStopEvent', stopReason: 'toolUse' };
    yield { type: 'modelMetadataEvent', usage: { inputTokens: 10, outputTokens: 10, totalTokens: 20 } };
  }
}
