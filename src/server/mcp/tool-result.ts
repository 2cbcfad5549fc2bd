import type { CallToolResult } from '@modelcontextprotocol/server';
import { toAppError } from '../../errors/app-error.js';
import type { ToolAnswer } from '../../tools/tool-definition.js';

/** Structured content, mirrored as text (some clients read only text), plus asset links. */
export function answerToResult(answer: ToolAnswer<unknown>): CallToolResult {
  return {
    structuredContent: answer.structured as Record<string, unknown>,
    content: [
      { type: 'text', text: JSON.stringify(answer.structured) },
      ...(answer.links ?? []).map((link) => ({ type: 'resource_link' as const, ...link })),
    ],
  };
}

/** The tool error exit: `CODE: message`, never a stack or a secret. */
export function errorToResult(error: unknown): CallToolResult {
  const appError = toAppError(error);
  const retry =
    appError.retryAfterSeconds === undefined ? '' : ` (retry after ${appError.retryAfterSeconds} s)`;
  return {
    isError: true,
    content: [{ type: 'text', text: `${appError.code}: ${appError.message}${retry}` }],
  };
}
