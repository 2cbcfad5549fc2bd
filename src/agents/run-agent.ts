import {
  Agent,
  ContextWindowOverflowError,
  MaxTokensError,
  type Model,
  ModelThrottledError,
  StructuredOutputError,
  type Tool,
} from '@strands-agents/sdk';
import type { z } from 'zod';
import { AppError, isAppError } from '../errors/app-error.js';
import { type AgentUsage, sumUsage } from './agent-usage.js';

export interface RunAgentOptions<Schema extends z.ZodType> {
  model: Model;
  systemPrompt: string;
  prompt: string;
  schema: Schema;
  /** What the model was asked to do, for error messages: "write ad copy". */
  task: string;
  tools?: Tool[];
  signal?: AbortSignal | undefined;
  /** Model calls allowed before giving up; bounds a model that keeps sending invalid output. */
  maxTurns?: number;
}

export interface AgentRun<Output> {
  output: Output;
  usage: AgentUsage;
}

const defaultMaxTurns = 4;

/**
 * The one way our agents call a model: a fresh Strands agent with the printer off (it writes to stdout,
 * which would corrupt a stdio MCP stream), structured output, the caller's abort signal, no Strands
 * retries (retries live in the provider layer) and token usage read from the agent's metrics.
 * Failures leave as AppError; model adapters' AppErrors pass through unchanged.
 */
export async function runStructuredAgent<Schema extends z.ZodType>(
  options: RunAgentOptions<Schema>,
): Promise<AgentRun<z.output<Schema>>> {
  const { signal, task } = options;
  if (signal?.aborted) throw cancelled(signal.reason);
  const agent = new Agent({
    model: options.model,
    systemPrompt: options.systemPrompt,
    tools: options.tools ?? [],
    printer: false,
    retryStrategy: null,
    structuredOutputSchema: options.schema,
    name: 'adengine-agent',
  });
  const usageSoFar = () => sumUsage(agent.metrics.accumulatedUsage);
  let result: Awaited<ReturnType<Agent['invoke']>>;
  try {
    result = await agent.invoke(options.prompt, {
      ...(signal ? { cancelSignal: signal } : {}),
      limits: { turns: options.maxTurns ?? defaultMaxTurns },
    });
  } catch (error) {
    throw toAgentError(error, task, signal, usageSoFar());
  }
  const usage = usageSoFar();
  if (result.stopReason === 'cancelled' || signal?.aborted) throw cancelled(signal?.reason);
  const parsed = options.schema.safeParse(result.structuredOutput);
  if (result.structuredOutput === undefined || !parsed.success) {
    throw new AppError(
      'PROVIDER_ERROR',
      `the model did not ${task} in the expected shape (stopped: ${result.stopReason})`,
      {
        details: { usage },
      },
    );
  }
  return { output: parsed.data, usage };
}

/** Strands wraps whatever a model throws in a ModelError; the adapter's AppError is in the cause chain. */
function findAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (isAppError(current)) return current;
    current = current.cause;
  }
  return undefined;
}

function cancelled(reason: unknown): AppError {
  return isAppError(reason) ? reason : new AppError('CANCELLED', 'the call was cancelled', { cause: reason });
}

/** Strands and unknown failures → AppError naming what the model failed to do. */
export function toAgentError(
  error: unknown,
  task: string,
  signal?: AbortSignal,
  usage?: AgentUsage,
): AppError {
  const adapterError = findAppError(error);
  if (adapterError) return adapterError;
  if (signal?.aborted) return cancelled(signal.reason);
  const details = usage ? { usage } : undefined;
  if (error instanceof StructuredOutputError) {
    return new AppError('PROVIDER_ERROR', `the model did not ${task}: it never returned structured output`, {
      cause: error,
      details,
    });
  }
  if (error instanceof MaxTokensError) {
    return new AppError('PROVIDER_ERROR', `the model ran out of output tokens before it could ${task}`, {
      cause: error,
      details,
    });
  }
  if (error instanceof ContextWindowOverflowError) {
    return new AppError('PROVIDER_ERROR', `the request to ${task} did not fit the model's context window`, {
      cause: error,
      details,
    });
  }
  if (error instanceof ModelThrottledError) {
    return new AppError('RATE_LIMITED', `the model is throttling requests; try again to ${task}`, {
      cause: error,
      details,
    });
  }
  return new AppError('PROVIDER_ERROR', `the model failed to ${task}`, { cause: error, details });
}
