import {
  type BaseModelConfig,
  type Message,
  Model,
  type ModelStreamEvent,
  type StreamOptions,
} from '@strands-agents/sdk';

/** The structured output tool Strands registers for `structuredOutputSchema`. */
export const structuredOutputToolName = 'strands_structured_output';

export interface ScriptedUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ScriptedToolCall {
  name: string;
  input: unknown;
}

/** One model answer: plain text, tool calls, a thrown error, or a call that hangs until aborted. */
export type ScriptedTurn =
  | { kind: 'text'; text: string; usage?: ScriptedUsage }
  | { kind: 'tools'; calls: ScriptedToolCall[]; text?: string; usage?: ScriptedUsage }
  | { kind: 'error'; error: unknown }
  | { kind: 'hang' };

/** What the model was sent on one call, flattened for assertions. */
export interface RecordedCall {
  systemPrompt: string;
  messages: { role: string; text: string; toolUses: string[]; toolResults: string[] }[];
  toolNames: string[];
  toolChoice: StreamOptions['toolChoice'];
  /** The text of the last user message: the prompt of this call. */
  lastUserText: string;
}

export function textTurn(text: string, usage?: ScriptedUsage): ScriptedTurn {
  return { kind: 'text', text, ...(usage ? { usage } : {}) };
}

/** The model answering with the structured output tool call carrying `json`. */
export function structuredTurn(json: unknown, usage?: ScriptedUsage): ScriptedTurn {
  return {
    kind: 'tools',
    calls: [{ name: structuredOutputToolName, input: json }],
    ...(usage ? { usage } : {}),
  };
}

export function toolTurn(calls: ScriptedToolCall[], usage?: ScriptedUsage): ScriptedTurn {
  return { kind: 'tools', calls, ...(usage ? { usage } : {}) };
}

/**
 * A Strands `Model` that answers from a script, recording what it was sent. Strict like a real provider:
 * it rejects a conversation that does not end on a user turn, a forced tool it was not offered, a tool
 * call to a tool it was not offered, and running past the end of its script.
 */
export class ScriptedStrandsModel extends Model<BaseModelConfig> {
  readonly calls: RecordedCall[] = [];
  private readonly script: ScriptedTurn[];
  private config: BaseModelConfig;
  private nextToolUseId = 1;

  constructor(script: ScriptedTurn[], config: BaseModelConfig = { modelId: 'scripted-model' }) {
    super();
    this.script = [...script];
    this.config = { ...config };
  }

  updateConfig(modelConfig: BaseModelConfig): void {
    this.config = { ...this.config, ...modelConfig };
  }

  getConfig(): BaseModelConfig {
    return { ...this.config };
  }

  /** Turns not yet used; a test that expects every turn consumed asserts this is 0. */
  get remainingTurns(): number {
    return this.script.length;
  }

  async *stream(messages: Message[], options: StreamOptions = {}): AsyncGenerator<ModelStreamEvent> {
    const toolNames = (options.toolSpecs ?? []).map((spec) => spec.name);
    this.calls.push(record(messages, options, toolNames));
    const last = messages.at(-1);
    if (last?.role !== 'user')
      throw new Error('ValidationException: the conversation must end with a user turn');
    const choice = options.toolChoice;
    if (choice && 'tool' in choice && !toolNames.includes(choice.tool.name)) {
      throw new Error(
        `ValidationException: toolChoice names ${choice.tool.name}, which is not in the tool list`,
      );
    }
    const turn = this.script.shift();
    if (!turn) throw new Error('scripted model: the script has no more turns');
    if (turn.kind === 'error') throw turn.error;
    if (turn.kind === 'hang') {
      await waitForAbort(options.cancelSignal);
      return;
    }
    yield { type: 'modelMessageStartEvent', role: 'assistant' };
    const text = turn.text;
    if (text !== undefined) {
      yield { type: 'modelContentBlockStartEvent' };
      yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'textDelta', text } };
      yield { type: 'modelContentBlockStopEvent' };
    }
    if (turn.kind === 'tools') {
      for (const call of turn.calls) {
        if (!toolNames.includes(call.name))
          throw new Error(`scripted model: ${call.name} was not offered as a tool`);
        const toolUseId = `tooluse_${this.nextToolUseId++}`;
        yield {
          type: 'modelContentBlockStartEvent',
          start: { type: 'toolUseStart', name: call.name, toolUseId },
        };
        yield {
          type: 'modelContentBlockDeltaEvent',
          delta: { type: 'toolUseInputDelta', input: JSON.stringify(call.input) },
        };
        yield { type: 'modelContentBlockStopEvent' };
      }
    }
    yield { type: 'modelMessageStopEvent', stopReason: turn.kind === 'tools' ? 'toolUse' : 'endTurn' };
    const usage = turn.usage ?? { inputTokens: 0, outputTokens: 0 };
    yield {
      type: 'modelMetadataEvent',
      usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
    };
  }
}

function record(messages: Message[], options: StreamOptions, toolNames: string[]): RecordedCall {
  const flattened = messages.map((message) => ({
    role: message.role,
    text: message.content.map((block) => (block.type === 'textBlock' ? block.text : '')).join(''),
    toolUses: message.content.flatMap((block) => (block.type === 'toolUseBlock' ? [block.name] : [])),
    toolResults: message.content.flatMap((block) => (block.type === 'toolResultBlock' ? [block.status] : [])),
  }));
  const systemPrompt = typeof options.systemPrompt === 'string' ? options.systemPrompt : '';
  const lastUser = [...flattened].reverse().find((message) => message.role === 'user' && message.text !== '');
  return {
    systemPrompt,
    messages: flattened,
    toolNames,
    toolChoice: options.toolChoice,
    lastUserText: lastUser?.text ?? '',
  };
}

function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    const abort = () => reject(new DOMException('The operation was aborted', 'AbortError'));
    if (!signal) return reject(new Error('scripted model: a hanging turn needs a cancel signal'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
  });
}
