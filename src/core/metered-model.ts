import type { BaseModelConfig, Message, Model, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import type { TokenPrice, TokenUsage } from '../credits/prices.js';
import type { AppError } from '../errors/app-error.js';

export interface MeterOptions {
  /** The chat model for one turn whose answer is capped at `maxTokens` output tokens. */
  open(maxTokens: number): Promise<Model>;
  /** The price of the model that answered the last turn (a fallback may have). */
  servedPrice(): TokenPrice;
  /** The highest price any model of the chain may charge: turns are bounded with it. */
  boundPrice: TokenPrice;
  /** Credits this call may spend in all: its hold, less what else it pays for. */
  budget: number;
  /** The model's own output limit. */
  maxOutputTokens: number | undefined;
  /** The error when the budget cannot pay for another turn. */
  exhausted(spent: number): AppError;
  /** Told when a model's reported usage could not be trusted and was counted from the text. */
  onEstimated?(reported: unknown): void;
}

export interface MeteredModel extends Model<BaseModelConfig> {
  /** Credits spent so far, rounded up once, a call cut short included (see `cutShortUsage`). */
  spent(): number;
  /** The usage charged for the last call if it was cut short (a caller that left); cleared by the next call. */
  cutShort(): TokenUsage | undefined;
}

/** One model call as it streams: what it will be charged if it ends before the provider's usage. */
interface OpenCall {
  inputTokens: number;
  inputBytes: number;
  /** What the provider is sent, for an estimate (`inputBytes` also counts the output schemas, for a bound). */
  sentBytes: number;
  cap: number;
  answered: boolean;
  outputBytes: number;
  deltas: number;
  reported: unknown;
}

/** Fewest output tokens a turn is started with; below it, the budget is spent. */
const minimumOutputTokens = 64;
/** Tokens a provider may add around the text it is sent (roles, templates). */
const framingTokens = 64;

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).byteLength;

/**
 * An upper bound of a request's input tokens: its UTF-8 bytes (the system prompt, the messages
 * and the tool specs as JSON) plus framing. Every token of a byte-level tokenizer covers at least
 * one byte, so no model counts more tokens than this text has bytes.
 */
export function inputTokenBound(messages: Message[], options: StreamOptions | undefined): number {
  const system = options?.systemPrompt === undefined ? '' : JSON.stringify(options.systemPrompt);
  const tools = options?.toolSpecs === undefined ? '' : JSON.stringify(options.toolSpecs);
  return bytes(JSON.stringify(messages)) + bytes(system) + bytes(tools) + framingTokens;
}

/**
 * The UTF-8 bytes of what a provider is sent: the system prompt, the messages, and of each tool
 * spec its name, description and input schema (providers are not sent the output schema).
 */
export function requestBytes(messages: Message[], options: StreamOptions | undefined): number {
  const system = options?.systemPrompt === undefined ? '' : JSON.stringify(options.systemPrompt);
  const tools = (options?.toolSpecs ?? []).map(({ name, description, inputSchema }) => ({
    name,
    description,
    inputSchema,
  }));
  return bytes(JSON.stringify(messages)) + bytes(system) + bytes(JSON.stringify(tools));
}

/** The largest of 1, 1.5, 2, 3, 4, 6, 8 … not above `tokens`: few distinct caps, so few cached models. */
export function roundDownTokens(tokens: number): number {
  let power = 1;
  while (power * 2 <= tokens) power *= 2;
  return Math.floor(power * 1.5) <= tokens ? Math.floor(power * 1.5) : power;
}

function trusted(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Usage a provider reported, if it can be believed: whole, non-negative, and not zero for text that was there. */
export function believableUsage(
  reported: unknown,
  inputBytes: number,
  outputBytes: number,
): TokenUsage | undefined {
  if (reported === null || typeof reported !== 'object') return undefined;
  const { inputTokens, outputTokens } = reported as Record<string, unknown>;
  if (!trusted(inputTokens) || !trusted(outputTokens)) return undefined;
  if ((inputTokens === 0 && inputBytes > 0) || (outputTokens === 0 && outputBytes > 0)) return undefined;
  return { inputTokens, outputTokens };
}

/**
 * The usage of a call cut short (the caller left, the stream ended early): the provider's own
 * count if its metadata arrived, else an estimate of what it processed: the request's UTF-8 bytes
 * as sent (`requestBytes`) / 4 in, and out the larger of the text and tool
 * input streamed so far / 4 and the number of deltas (each carries at least one token), within the
 * call's cap. Nothing when the provider never answered: it may not have read the input.
 */
export function cutShortUsage(call: OpenCall): TokenUsage | undefined {
  if (!call.answered) return undefined;
  const reported = believableUsage(call.reported, call.inputBytes, call.outputBytes);
  if (reported !== undefined) return reported;
  return {
    inputTokens: Math.ceil(call.sentBytes / 4),
    outputTokens: Math.min(call.cap, Math.max(call.deltas, Math.ceil(call.outputBytes / 4))),
  };
}

function milli(price: TokenPrice, usage: TokenUsage): number {
  return usage.inputTokens * price.inputPer1k + usage.outputTokens * price.outputPer1k;
}

/**
 * A chat model that keeps a call within its budget: before each turn it caps the answer at what
 * the budget has left after the bounded input (or refuses the turn), and after it adds what the
 * turn cost. Reported usage that is missing, negative, not a number, or zero for real text is
 * replaced by a count of the text's bytes, an upper bound of its tokens, never 0.
 */
export async function createMeteredModel(options: MeterOptions): Promise<MeteredModel> {
  const { Model: StrandsModel } = await import('@strands-agents/sdk');

  class Metered extends StrandsModel<BaseModelConfig> {
    private spentMilli = 0;
    private config: BaseModelConfig = { modelId: 'metered' };
    /** The call streaming now; a call whose consumer stopped reading (Strands on cancel) stays here. */
    private open: OpenCall | undefined;
    private lastCutShort: TokenUsage | undefined;

    spent(): number {
      const open = this.open === undefined ? undefined : cutShortUsage(this.open);
      const openMilli = open === undefined ? 0 : milli(options.servedPrice(), open);
      return Math.ceil((this.spentMilli + openMilli) / 1000);
    }

    cutShort(): TokenUsage | undefined {
      return this.open === undefined ? this.lastCutShort : cutShortUsage(this.open);
    }

    updateConfig(modelConfig: BaseModelConfig): void {
      this.config = { ...this.config, ...modelConfig };
    }

    getConfig(): BaseModelConfig {
      return this.config;
    }

    private settle(call: OpenCall, usage: TokenUsage | undefined): void {
      if (this.open === call) this.open = undefined;
      if (usage !== undefined) this.spentMilli += milli(options.servedPrice(), usage);
    }

    async *stream(messages: Message[], streamOptions?: StreamOptions): AsyncGenerator<ModelStreamEvent> {
      // A call abandoned mid-stream is never resumed: it is charged as cut short.
      if (this.open !== undefined) this.settle(this.open, cutShortUsage(this.open));
      this.lastCutShort = undefined;
      const bound = options.boundPrice;
      const inputTokens = inputTokenBound(messages, streamOptions);
      const left = options.budget * 1000 - this.spentMilli - inputTokens * bound.inputPer1k;
      const affordable =
        bound.outputPer1k === 0 ? Number.POSITIVE_INFINITY : Math.floor(left / bound.outputPer1k);
      const cap = Math.min(affordable, options.maxOutputTokens ?? Number.POSITIVE_INFINITY);
      if (cap < minimumOutputTokens) throw options.exhausted(this.spent());
      const maxTokens = roundDownTokens(Math.min(cap, 1 << 20));
      const model = await options.open(maxTokens);
      const call: OpenCall = {
        inputTokens,
        inputBytes: inputTokens - framingTokens,
        sentBytes: requestBytes(messages, streamOptions),
        cap: maxTokens,
        answered: false,
        outputBytes: 0,
        deltas: 0,
        reported: undefined,
      };
      this.open = call;
      let finished = false;
      try {
        for await (const event of model.stream(messages, streamOptions)) {
          call.answered = true;
          if (event.type === 'modelContentBlockDeltaEvent') {
            const delta = event.delta as { text?: unknown; input?: unknown };
            for (const part of [delta.text, delta.input]) {
              if (typeof part === 'string') {
                call.outputBytes += bytes(part);
                call.deltas += 1;
              }
            }
          }
          if (event.type === 'modelMetadataEvent') call.reported = event.usage;
          yield event;
        }
        finished = true;
      } finally {
        if (finished) this.settle(call, this.finishedUsage(call));
        else {
          this.lastCutShort = cutShortUsage(call);
          this.settle(call, this.lastCutShort);
        }
      }
    }

    /** A finished call's usage: as reported when believable, else the byte count (an upper bound). */
    private finishedUsage(call: OpenCall): TokenUsage {
      const usage = believableUsage(call.reported, call.inputBytes, call.outputBytes);
      if (usage !== undefined) return usage;
      options.onEstimated?.(call.reported);
      return { inputTokens: call.inputTokens, outputTokens: call.outputBytes + framingTokens };
    }
  }

  return new Metered();
}
