/**
 * The history a chat turn sends: whole past turns, newest first, within a size budget. A turn is a
 * user message, the assistant's tool calls with their results, and the answer; trimming whole
 * turns means a tool call is never separated from its result, and the history always starts on a
 * user message. The system prompt is never part of what is trimmed.
 */

export type HistoryRole = 'user' | 'assistant' | 'tool';

export interface HistoryMessage {
  role: HistoryRole;
  content: unknown[];
  turnId: string;
}

/** A message as the model takes it (Strands `MessageData`): tool results travel as user content. */
export interface ModelMessage {
  role: 'user' | 'assistant';
  content: unknown[];
}

export interface HistoryBudget {
  /** UTF-8 bytes of the system prompt plus every message sent, as JSON. */
  maxBytes: number;
  /** Past turns kept at most. */
  maxTurns: number;
}

export const defaultHistoryBudget: HistoryBudget = { maxBytes: 200_000, maxTurns: 40 };

const encoder = new TextEncoder();
const sizeOf = (value: unknown) => encoder.encode(JSON.stringify(value)).byteLength;

function toolUseIds(content: unknown[]): string[] {
  return content.flatMap((block) => {
    const toolUse = (block as { toolUse?: { toolUseId?: unknown } } | null)?.toolUse;
    return typeof toolUse?.toolUseId === 'string' ? [toolUse.toolUseId] : [];
  });
}

function toolResultIds(content: unknown[]): string[] {
  return content.flatMap((block) => {
    const toolResult = (block as { toolResult?: { toolUseId?: unknown } } | null)?.toolResult;
    return typeof toolResult?.toolUseId === 'string' ? [toolResult.toolUseId] : [];
  });
}

/**
 * The part of one turn a model accepts: a user message, then assistant messages whose tool calls
 * are each answered by the next message, up to the answer (an assistant message with no tool
 * call). A turn cut short before its answer (a client that left) is not sent again.
 */
export function wholePart(turn: readonly HistoryMessage[]): HistoryMessage[] {
  const first = turn[0];
  if (first === undefined || first.role !== 'user' || toolResultIds(first.content).length > 0) return [];
  for (let index = 1; index < turn.length; index += 2) {
    const message = turn[index] as HistoryMessage;
    if (message.role !== 'assistant') return [];
    const calls = toolUseIds(message.content);
    if (calls.length === 0) return turn.slice(0, index + 1);
    const next = turn[index + 1];
    const answered = next?.role === 'tool' ? new Set(toolResultIds(next.content)) : new Set<string>();
    if (!calls.every((id) => answered.has(id))) return [];
  }
  return [];
}

export function groupTurns(messages: readonly HistoryMessage[]): HistoryMessage[][] {
  const turns: HistoryMessage[][] = [];
  for (const message of messages) {
    const last = turns.at(-1);
    if (last !== undefined && last[0]?.turnId === message.turnId) last.push(message);
    else turns.push([message]);
  }
  return turns;
}

export function toModelMessage(message: HistoryMessage): ModelMessage {
  return { role: message.role === 'assistant' ? 'assistant' : 'user', content: message.content };
}

/**
 * The system prompt and the past messages to send with a new user message: the newest whole
 * turns that fit `budget` beside the system prompt and the new message.
 */
export function trimHistory(
  systemPrompt: string,
  past: readonly HistoryMessage[],
  newMessage: ModelMessage,
  budget: HistoryBudget = defaultHistoryBudget,
): { systemPrompt: string; messages: ModelMessage[] } {
  let room = budget.maxBytes - sizeOf(systemPrompt) - sizeOf(newMessage);
  const kept: ModelMessage[][] = [];
  const turns = groupTurns(past)
    .map(wholePart)
    .filter((turn) => turn.length > 0);
  for (let index = turns.length - 1; index >= 0 && kept.length < budget.maxTurns; index -= 1) {
    const messages = (turns[index] as HistoryMessage[]).map(toModelMessage);
    const size = messages.reduce((total, message) => total + sizeOf(message) + 1, 0);
    if (size > room) break;
    room -= size;
    kept.unshift(messages);
  }
  return { systemPrompt, messages: kept.flat() };
}
