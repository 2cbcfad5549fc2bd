import type {
  CreateMessageRequestParamsBase,
  CreateMessageResult,
  SamplingMessage,
} from '@modelcontextprotocol/sdk/types.js';
import type { Message, SystemPrompt } from '@strands-agents/sdk';
import { AppError } from '../../errors/app-error.js';

/** Strands blocks the client cannot take as such (tool calls, results) travel as readable text. */
function blockText(block: Message['content'][number]): string {
  switch (block.type) {
    case 'textBlock':
      return block.text;
    case 'toolUseBlock':
      return `[tool call ${block.name}] ${JSON.stringify(block.input)}`;
    case 'toolResultBlock':
      return `[tool result] ${JSON.stringify(block.content)}`;
    case 'reasoningBlock':
      return '';
    default:
      return '';
  }
}

export function systemPromptText(systemPrompt: SystemPrompt | undefined): string | undefined {
  if (systemPrompt === undefined) return undefined;
  if (typeof systemPrompt === 'string') return systemPrompt || undefined;
  const text = systemPrompt.map((block) => (block.type === 'textBlock' ? block.text : '')).join('\n');
  return text || undefined;
}

export function toSamplingParams(
  messages: Message[],
  options: { systemPrompt?: SystemPrompt; maxTokens: number; temperature?: number },
): CreateMessageRequestParamsBase {
  const samplingMessages: SamplingMessage[] = messages
    .map((message) => ({
      role: message.role,
      text: message.content.map(blockText).filter(Boolean).join('\n'),
    }))
    .filter((message) => message.text.length > 0)
    .map((message) => ({ role: message.role, content: { type: 'text', text: message.text } }));
  const systemPrompt = systemPromptText(options.systemPrompt);
  return {
    messages: samplingMessages,
    maxTokens: options.maxTokens,
    ...(systemPrompt === undefined ? {} : { systemPrompt }),
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    includeContext: 'none',
  };
}

/** The client's answer as text; an image or audio answer is no use to a text tool. */
export function resultText(result: CreateMessageResult): string {
  const content = result.content as unknown;
  const blocks = Array.isArray(content) ? content : [content];
  const texts = blocks.filter(
    (block): block is { type: 'text'; text: string } =>
      typeof block === 'object' && block !== null && (block as { type?: unknown }).type === 'text',
  );
  if (texts.length === 0) {
    throw new AppError('PROVIDER_ERROR', 'client-sampling: the client answered without text', {
      retryable: false,
    });
  }
  return texts.map((block) => block.text).join('');
}

/** Usage when the client volunteers it in `_meta.usage` (not part of the MCP spec). */
export function reportedUsage(
  result: CreateMessageResult,
): { inputTokens: number; outputTokens: number } | undefined {
  const usage = (result._meta as { usage?: { inputTokens?: unknown; outputTokens?: unknown } } | undefined)
    ?.usage;
  if (typeof usage?.inputTokens === 'number' && typeof usage.outputTokens === 'number') {
    return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
  }
  return undefined;
}

/** About four characters a token for English text: an estimate, flagged as one. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
