import type { StoredRole } from '../db/repositories/conversations.js';

/** Text a stored tool result keeps at most: enough for the model to use it, bounded for the database. */
export const maxToolResultChars = 8_000;

function blocks(content: unknown): unknown[] {
  return Array.isArray(content) ? content : [];
}

function truncate(text: string): string {
  return text.length <= maxToolResultChars
    ? text
    : `${text.slice(0, maxToolResultChars)}… [${text.length - maxToolResultChars} characters cut]`;
}

/** A message's role as stored: tool results, which travel as user content, are `tool`. */
export function storedRole(message: { role: string; content: unknown }): StoredRole {
  if (message.role === 'assistant') return 'assistant';
  const hasResult = blocks(message.content).some(
    (block) => typeof block === 'object' && block !== null && 'toolResult' in block,
  );
  return hasResult ? 'tool' : 'user';
}

/** Content blocks with each tool result's text bounded; reasoning and binary blocks are not kept. */
export function boundedContent(content: unknown): unknown[] {
  return blocks(content).flatMap((block): unknown[] => {
    if (typeof block !== 'object' || block === null) return [];
    if ('text' in block || 'toolUse' in block) return [block];
    if ('toolResult' in block) {
      const result = (block as { toolResult: { toolUseId: string; status: string; content?: unknown } })
        .toolResult;
      const parts = blocks(result.content).flatMap((part) => {
        const text = (part as { text?: unknown; json?: unknown } | null)?.text;
        if (typeof text === 'string') return [{ text: truncate(text) }];
        const json = (part as { json?: unknown } | null)?.json;
        return json === undefined ? [] : [{ text: truncate(JSON.stringify(json)) }];
      });
      return [{ toolResult: { toolUseId: result.toolUseId, status: result.status, content: parts } }];
    }
    return [];
  });
}

/** The text blocks of a message, joined. */
export function textOf(content: unknown): string {
  return blocks(content)
    .flatMap((block) => {
      const text = (block as { text?: unknown } | null)?.text;
      return typeof text === 'string' ? [text] : [];
    })
    .join('');
}

/** What a tool said it charged: our tools mirror their structured answer, `creditsCharged` included, as JSON text. */
export function creditsOfToolResult(result: { content?: unknown }): number {
  let total = 0;
  for (const part of blocks(result.content)) {
    const candidate = part as { text?: unknown; json?: unknown } | null;
    let value: unknown = candidate?.json;
    if (typeof candidate?.text === 'string' && candidate.text.startsWith('{')) {
      try {
        value = JSON.parse(candidate.text);
      } catch {
        value = undefined;
      }
    }
    const credits = (value as { creditsCharged?: unknown } | null | undefined)?.creditsCharged;
    if (typeof credits === 'number' && Number.isInteger(credits) && credits > 0) total += credits;
  }
  return total;
}
