import type { CreateMessageRequestParamsBase, CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';
import type { BaseModelConfig, Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { Model } from '@strands-agents/sdk';
import { AppError } from '../../errors/app-error.js';
import { mapVendorFailure } from '../provider-error.js';
import {
  estimateTokens,
  reportedUsage,
  resultText,
  systemPromptText,
  toSamplingParams,
} from './sampling-messages.js';
import { parseToolCall, toolInstructions } from './sampling-tools.js';

/** What the MCP server hands in: `(params, signal) => server.server.createMessage(params, { relatedRequestId, signal })`. */
export type RequestSampling = (
  params: CreateMessageRequestParamsBase,
  signal: AbortSignal | undefined,
) => Promise<CreateMessageResult>;

export interface SamplingChatModelOptions {
  /** False when the client did not declare the `sampling` capability. */
  clientSupportsSampling: boolean;
  requestSampling?: RequestSampling;
  maxTokens?: number;
  temperature?: number;
}

export const samplingNotSupportedMessage =
  'the connected MCP client does not support sampling, so client-sampling cannot answer. Configure a model provider ' +
  '(GEMINI_API_KEY; AWS credentials such as AWS_PROFILE or AWS_BEARER_TOKEN_BEDROCK for Bedrock; OPENAI_BASE_URL for an ' +
  'OpenAI-compatible server) or choose another chat model with set_model_preferences';

/** A request timeout as the SDKs report it: 1.x `McpError` -32001, v2 `SdkError` 'REQUEST_TIMEOUT'. */
const mcpRequestTimeouts: unknown[] = [-32001, 'REQUEST_TIMEOUT'];
const mcpMethodNotFound = -32601;

function toSamplingError(error: unknown, signal: AbortSignal | undefined): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted) return new AppError('CANCELLED', 'the call was cancelled', { cause: error });
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === mcpMethodNotFound)
    return new AppError('PROVIDER_NOT_CONFIGURED', samplingNotSupportedMessage, { cause: error });
  if (mcpRequestTimeouts.includes(code)) {
    // One try: a client that did not answer in time will not answer a second ask sooner.
    const timeout = (error as { data?: { timeout?: unknown } }).data?.timeout;
    const within = typeof timeout === 'number' ? ` within ${Math.round(timeout / 100) / 10} s` : ' in time';
    return new AppError(
      'TIMEOUT',
      `client-sampling: the MCP client did not answer the sampling request${within} (MCP_SAMPLING_TIMEOUT_SECONDS); not retried`,
      { cause: error, retryable: false },
    );
  }
  return mapVendorFailure({
    provider: 'client-sampling',
    status: undefined,
    vendorCode: typeof code === 'number' ? `mcp-${code}` : undefined,
    message,
    cause: error,
  });
}

/** A Strands Model answered by the MCP client's own model through `sampling/createMessage`. */
export class SamplingChatModel extends Model<BaseModelConfig> {
  /** True when the last answer's token counts were estimated from characters. */
  lastUsageEstimated = false;
  private toolCalls = 0;
  private config: BaseModelConfig;
  private readonly options: SamplingChatModelOptions;

  constructor(options: SamplingChatModelOptions) {
    super();
    this.options = options;
    this.config = {
      modelId: 'client-sampling',
      maxTokens: options.maxTokens ?? 4096,
      temperature: options.temperature,
    };
  }

  updateConfig(modelConfig: BaseModelConfig): void {
    this.config = { ...this.config, ...modelConfig };
  }

  getConfig(): BaseModelConfig {
    return this.config;
  }

  async *stream(messages: Message[], options?: StreamOptions): AsyncGenerator<ModelStreamEvent> {
    const { requestSampling, clientSupportsSampling } = this.options;
    if (!clientSupportsSampling || requestSampling === undefined) {
      throw new AppError('PROVIDER_NOT_CONFIGURED', samplingNotSupportedMessage, { retryable: false });
    }
    const signal = options?.cancelSignal;
    if (signal?.aborted) throw new AppError('CANCELLED', 'the call was cancelled');
    const toolSpecs = options?.toolSpecs ?? [];
    const instructions =
      toolSpecs.length === 0 ? undefined : toolInstructions(toolSpecs, options?.toolChoice);
    const basePrompt = systemPromptText(options?.systemPrompt);
    const params = toSamplingParams(messages, {
      systemPrompt:
        instructions === undefined
          ? options?.systemPrompt
          : [basePrompt, instructions].filter(Boolean).join('\n\n'),
      maxTokens: this.config.maxTokens ?? 4096,
      temperature: this.config.temperature,
    });
    let result: CreateMessageResult;
    try {
      result = await requestSampling(params, signal);
    } catch (error) {
      throw toSamplingError(error, signal);
    }
    const text = resultText(result);
    const reported = reportedUsage(result);
    this.lastUsageEstimated = reported === undefined;
    const promptText = [
      systemPromptText(options?.systemPrompt) ?? '',
      ...params.messages.map((message) => (message.content as { text?: string }).text ?? ''),
    ].join('\n');
    const usage = reported ?? { inputTokens: estimateTokens(promptText), outputTokens: estimateTokens(text) };

    const call = parseToolCall(text, toolSpecs, options?.toolChoice);
    yield { type: 'modelMessageStartEvent', role: 'assistant' };
    if (call === undefined) {
      yield { type: 'modelContentBlockStartEvent' };
      yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'textDelta', text } };
      yield { type: 'modelContentBlockStopEvent' };
    } else {
      this.toolCalls += 1;
      yield {
        type: 'modelContentBlockStartEvent',
        start: { type: 'toolUseStart', name: call.name, toolUseId: `sampling_tool_${this.toolCalls}` },
      };
      yield {
        type: 'modelContentBlockDeltaEvent',
        delta: { type: 'toolUseInputDelta', input: JSON.stringify(call.input) },
      };
      yield { type: 'modelContentBlockStopEvent' };
    }
    yield {
      type: 'modelMessageStopEvent',
      stopReason:
        call !== undefined ? 'toolUse' : result.stopReason === 'maxTokens' ? 'maxTokens' : 'endTurn',
    };
    yield {
      type: 'modelMetadataEvent',
      usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
      // Sampling results carry no usage in the MCP spec: say when the counts are an estimate.
      trace: { usageEstimated: this.lastUsageEstimated, clientModel: result.model },
    };
  }
}
