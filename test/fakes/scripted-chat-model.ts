import type { BaseModelConfig, Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { Model } from '@strands-agents/sdk';
import { AppError } from '../../src/errors/app-error.js';

/** One answer: text (streamed in chunks), or an error thrown after `afterEvents` events. */
export type ScriptedTurn =
  | { text: string; usage?: { inputTokens: number; outputTokens: number } | null }
  | { error: Error; afterEvents?: number };

export interface ScriptedChatModelOptions {
  modelId?: string;
  /** Answer when the script is used up (or empty). */
  text?: string;
  turns?: ScriptedTurn[];
  chunkSize?: number;
}

export interface RecordedCall {
  messages: Message[];
  options: StreamOptions | undefined;
}

function messageText(messages: Message[]): string {
  return messages
    .flatMap((message) => message.content)
    .map((block) => (block.type === 'textBlock' ? block.text : ''))
    .join('');
}

/** A Strands `Model` that answers from a script, offline: the stand-in for every chat vendor. */
export class ScriptedChatModel extends Model<BaseModelConfig> {
  readonly calls: RecordedCall[] = [];
  private config: BaseModelConfig;
  private readonly turns: ScriptedTurn[];
  private readonly fallbackText: string;
  private readonly chunkSize: number;

  constructor(options: ScriptedChatModelOptions = {}) {
    super();
    this.config = { modelId: options.modelId ?? 'scripted' };
    this.turns = [...(options.turns ?? [])];
    this.fallbackText = options.text ?? 'Fresh bread, baked at dawn.';
    this.chunkSize = options.chunkSize ?? 7;
  }

  updateConfig(modelConfig: BaseModelConfig): void {
    this.config = { ...this.config, ...modelConfig };
  }

  getConfig(): BaseModelConfig {
    return this.config;
  }

  async *stream(messages: Message[], options?: StreamOptions): AsyncGenerator<ModelStreamEvent> {
    this.calls.push({ messages, options });
    const signal = options?.cancelSignal;
    const turn: ScriptedTurn = this.turns.shift() ?? { text: this.fallbackText };
    const events =
      'text' in turn
        ? this.eventsFor(turn, messages, options)
        : this.eventsFor({ text: this.fallbackText }, messages, options);
    const failAt = 'error' in turn ? (turn.afterEvents ?? 0) : Number.POSITIVE_INFINITY;
    let index = 0;
    for (const event of events) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'the call was cancelled');
      if (index === failAt && 'error' in turn) throw turn.error;
      await Promise.resolve();
      yield event;
      index++;
    }
    if ('error' in turn && index <= failAt) throw turn.error;
  }

  private eventsFor(
    turn: { text: string; usage?: { inputTokens: number; outputTokens: number } | null },
    messages: Message[],
    options: StreamOptions | undefined,
  ): ModelStreamEvent[] {
    const chunks: string[] = [];
    for (let start = 0; start < turn.text.length; start += this.chunkSize)
      chunks.push(turn.text.slice(start, start + this.chunkSize));
    const system = typeof options?.systemPrompt === 'string' ? options.systemPrompt : '';
    const usage =
      turn.usage === null
        ? undefined
        : (turn.usage ?? {
            inputTokens: Math.max(1, Math.ceil((messageText(messages).length + system.length) / 4)),
            outputTokens: Math.max(1, Math.ceil(turn.text.length / 4)),
          });
    return [
      { type: 'modelMessageStartEvent', role: 'assistant' },
      { type: 'modelContentBlockStartEvent' },
      ...chunks.map(
        (text): ModelStreamEvent => ({
          type: 'modelContentBlockDeltaEvent',
          delta: { type: 'textDelta', text },
        }),
      ),
      { type: 'modelContentBlockStopEvent' },
      { type: 'modelMessageStopEvent', stopReason: 'endTurn' },
      ...(usage === undefined
        ? []
        : [
            {
              type: 'modelMetadataEvent',
              usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
            } as ModelStreamEvent,
          ]),
    ];
  }
}
