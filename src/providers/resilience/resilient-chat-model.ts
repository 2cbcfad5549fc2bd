import type { BaseModelConfig, Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { Model } from '@strands-agents/sdk';
import { AppError, toAppError } from '../../errors/app-error.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { type StartTimer, withDeadline } from './deadline.js';
import { stopsFallback } from './fallback.js';
import { cancelledError, type RetryPolicy, realSleep, type Sleep, withRetry } from './retry.js';

interface OpenedStream {
  permit: ReturnType<CircuitBreaker['acquire']>;
  events: AsyncGenerator<ModelStreamEvent>;
  first: IteratorResult<ModelStreamEvent>;
}

export interface ResilientChatCandidate {
  /** Catalogue id. */
  id: string;
  model: Model;
  breaker: CircuitBreaker;
  beforeCall?: () => void;
}

export interface ResilientChatOptions {
  /** The model asked for first, then its fallbacks; all configured. */
  candidates: ResilientChatCandidate[];
  retry: RetryPolicy;
  /** Longest wait for the next stream event. */
  timeoutMs: number;
  sleep?: Sleep;
  random?: () => number;
  startTimer?: StartTimer;
  /** Cancels every stream of this instance, besides each call's own `cancelSignal`. */
  signal?: AbortSignal;
  onServed?: (catalogueId: string) => void;
}

/**
 * A Strands Model over other Models: retries and falls back only before the first event was
 * yielded, so streamed text is never duplicated; events (usage included) pass through as they are.
 */
export class ResilientChatModel extends Model<BaseModelConfig> {
  /** Catalogue id of the model that answered the last completed stream. */
  lastServedBy: string | undefined;
  private readonly options: ResilientChatOptions;

  constructor(options: ResilientChatOptions) {
    super();
    if (options.candidates.length === 0)
      throw new AppError('PROVIDER_NOT_CONFIGURED', 'no chat model to call');
    this.options = options;
  }

  private get primary(): ResilientChatCandidate {
    return this.options.candidates[0] as ResilientChatCandidate;
  }

  updateConfig(_modelConfig: BaseModelConfig): void {
    // The registry keeps candidate models across calls: retuning them for one call would retune them all.
    throw new AppError(
      'INTERNAL',
      'chat models are shared across calls; pass maxTokens to registry.chat instead of updateConfig',
    );
  }

  getConfig(): BaseModelConfig {
    return this.primary.model.getConfig();
  }

  async *stream(messages: Message[], streamOptions?: StreamOptions): AsyncGenerator<ModelStreamEvent> {
    const { candidates, retry, sleep = realSleep, random = Math.random } = this.options;
    const signals = [streamOptions?.cancelSignal, this.options.signal].filter(
      (item): item is AbortSignal => item !== undefined,
    );
    const signal = signals.length <= 1 ? signals[0] : AbortSignal.any(signals);
    const callOptions: StreamOptions | undefined =
      signal === undefined ? streamOptions : { ...streamOptions, cancelSignal: signal };
    let lastError: unknown;
    for (const candidate of candidates) {
      try {
        candidate.beforeCall?.();
      } catch (error) {
        lastError = error;
        continue;
      }
      let opened: OpenedStream;
      try {
        // Retries end at the first event: after it, a retry would stream the text twice.
        opened = await withRetry(() => this.open(candidate, messages, callOptions), retry, {
          sleep,
          random,
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (error) {
        if (signal?.aborted) throw cancelledError(error);
        if (stopsFallback(error)) throw error;
        lastError = error;
        continue;
      }
      yield* this.rest(opened, signal);
      this.lastServedBy = candidate.id;
      this.options.onServed?.(candidate.id);
      return;
    }
    throw lastError instanceof AppError ? lastError : toAppError(lastError);
  }

  /** One try of one candidate, up to its first event; a failure before it is the breaker's to count. */
  private async open(
    candidate: ResilientChatCandidate,
    messages: Message[],
    streamOptions: StreamOptions | undefined,
  ): Promise<OpenedStream> {
    const permit = candidate.breaker.acquire();
    const events = this.attempt(candidate, messages, streamOptions);
    try {
      return { permit, events, first: await events.next() };
    } catch (error) {
      permit.failure(error);
      throw error;
    }
  }

  /** The first event and the rest; a failure from here on ends the call (no retry, no fallback). */
  private async *rest(
    opened: OpenedStream,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ModelStreamEvent> {
    const { permit, events } = opened;
    let next = opened.first;
    try {
      while (next.done !== true) {
        yield next.value;
        next = await events.next();
      }
      permit.success();
    } catch (error) {
      permit.failure(error);
      if (signal?.aborted) throw cancelledError(error);
      throw error;
    } finally {
      // The consumer stopping early is not a provider failure.
      permit.success();
      if (next.done !== true) await events.return(undefined).catch(() => undefined);
    }
  }

  private async *attempt(
    candidate: ResilientChatCandidate,
    messages: Message[],
    streamOptions: StreamOptions | undefined,
  ): AsyncGenerator<ModelStreamEvent> {
    const controller = new AbortController();
    const callerSignal = streamOptions?.cancelSignal;
    const cancelSignal =
      callerSignal === undefined ? controller.signal : AbortSignal.any([controller.signal, callerSignal]);
    const iterator = candidate.model
      .stream(messages, { ...streamOptions, cancelSignal })
      [Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        const next = await withDeadline(() => iterator.next(), {
          timeoutMs: this.options.timeoutMs,
          signal: callerSignal,
          startTimer: this.options.startTimer,
        });
        if (next.done) {
          finished = true;
          return;
        }
        yield next.value;
      }
    } finally {
      if (!finished) {
        controller.abort();
        void Promise.resolve(iterator.return?.()).catch(() => undefined);
      }
    }
  }
}
