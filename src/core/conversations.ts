import {
  type ConversationRow,
  createConversation,
  findConversation,
  listConversations as listConversationRows,
  listMessages,
} from '../db/repositories/conversations.js';
import { AppError } from '../errors/app-error.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

export interface ConversationSummary {
  id: string;
  title: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationMessageView {
  role: 'user' | 'assistant' | 'tool' | 'system';
  content: unknown[];
  provider: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  credits: number | null;
  createdAt: string;
}

export interface ConversationView extends ConversationSummary {
  messages: ConversationMessageView[];
}

const titleLength = 80;

function summary(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `conversationId: no conversation "${id}"`);
}

/** The caller's conversation to continue, or a new one titled by its first message. */
export async function openConversation(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  caller: Caller,
  conversationId: string | undefined,
  firstMessage: string,
): Promise<{ conversation: ConversationRow; created: boolean }> {
  if (conversationId !== undefined) {
    const found = await findConversation(deps.db, caller.userId, conversationId);
    if (found === undefined) throw notFound(conversationId);
    return { conversation: found, created: false };
  }
  const title = firstMessage.trim().replace(/\s+/g, ' ');
  const conversation = await createConversation(deps.db, {
    id: deps.clock.newId(),
    userId: caller.userId,
    title: title.length > titleLength ? `${title.slice(0, titleLength - 1)}…` : title,
    now: deps.clock.now(),
  });
  return { conversation, created: true };
}

/** The caller's conversations, most recently active first. */
export async function listConversations(
  deps: Pick<CoreDeps, 'db'>,
  caller: Caller,
  options: { limit?: number | undefined } = {},
): Promise<{ conversations: ConversationSummary[] }> {
  const rows = await listConversationRows(deps.db, caller.userId, options.limit ?? 50);
  return { conversations: rows.map(summary) };
}

/** One of the caller's conversations with its messages; another user's is NOT_FOUND. */
export async function readConversation(
  deps: Pick<CoreDeps, 'db'>,
  caller: Caller,
  conversationId: string,
): Promise<ConversationView> {
  const row = await findConversation(deps.db, caller.userId, conversationId);
  if (row === undefined) throw notFound(conversationId);
  const messages = await listMessages(deps.db, row.id);
  return {
    ...summary(row),
    messages: messages.map((message) => ({
      role: message.role,
      content: message.content,
      provider: message.provider,
      model: message.modelId,
      inputTokens: message.inputTokens,
      outputTokens: message.outputTokens,
      credits: message.credits,
      createdAt: message.createdAt.toISOString(),
    })),
  };
}
