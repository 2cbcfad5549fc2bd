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
  /** Credits spent so far, rounded up once. */
  spent(): number;
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

    spent(): number {
      return Math.ceil(this.spentMilli / 1000);
    }

    updateConfig(modelConfig: BaseModelConfig): void {
      this.config = { ...this.config, ...modelConfig };
    }

    getConfig(): BaseModelConfig {
      return this.config;
    }

    async *stream(messages: Message[], streamOptions?: StreamOptions): AsyncGenerator<ModelStreamEvent> {
      const bound = options.boundPrice;
      const inputTokens = inputTokenBound(messages, streamOptions);
      const left = options.budget * 1000 - this.spentMilli - inputTokens * bound.inputPer1k;
      const affordable =
        bound.outputPer1k === 0 ? Number.POSITIVE_INFINITY : Math.floor(left / bound.outputPer1k);
      const cap = Math.min(affordable, options.maxOutputTokens ?? Number.POSITIVE_INFINITY);
      if (cap < minimumOutputTokens) throw options.exhausted(this.spent());
      const model = await options.open(roundDownTokens(Math.min(cap, 1 << 20)));
      let outputBytes = 0;
      let reported: unknown;
      for await (const event of model.stream(messages, streamOptions)) {
        if (event.type === 'modelContentBlockDeltaEvent') {
          const delta = event.delta as { text?: unknown; input?: unknown };
          for (const part of [delta.text, delta.input]) {
            if (typeof part === 'string') outputBytes += bytes(part);
          }
        }
        if (event.type === 'modelMetadataEvent') reported = event.usage;
        yield event;
      }
      const inputBytes = inputTokens - framingTokens;
      let usage = believableUsage(reported, inputBytes, outputBytes);
      if (usage === undefined) {
        options.onEstimated?.(reported);
        usage = { inputTokens, outputTokens: outputBytes + framingTokens };
      }
      this.spentMilli += milli(options.servedPrice(), usage);
    }
  }

  return new Metered();
}
