import type { Database } from '../database.js';
import { inTransaction } from '../in-transaction.js';

export type StoredRole = 'user' | 'assistant' | 'tool' | 'system';

export interface ConversationRow {
  id: string;
  userId: string;
  title: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewMessage {
  role: StoredRole;
  /** Content blocks as the model saw them (size-bounded by the caller). */
  content: unknown[];
  turnId: string;
  provider?: string | undefined;
  modelId?: string | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
  credits?: number | undefined;
}

export interface StoredMessage
  extends Required<Omit<NewMessage, 'provider' | 'modelId' | 'inputTokens' | 'outputTokens' | 'credits'>> {
  id: number;
  provider: string | null;
  modelId: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  credits: number | null;
  createdAt: Date;
}

function toConversation(row: {
  id: string;
  user_id: string;
  title: string | null;
  created_at: Date;
  updated_at: Date;
}): ConversationRow {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export async function createConversation(
  db: Database,
  conversation: { id: string; userId: string; title: string; now: Date },
): Promise<ConversationRow> {
  const row = await db
    .insertInto('conversations')
    .values({
      id: conversation.id,
      user_id: conversation.userId,
      title: conversation.title,
      created_at: conversation.now,
      updated_at: conversation.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toConversation(row);
}

/** The user's own conversation; another user's is as absent as a missing one. */
export async function findConversation(
  db: Database,
  userId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row === undefined ? undefined : toConversation(row);
}

export async function listConversations(
  db: Database,
  userId: string,
  limit: number,
): Promise<ConversationRow[]> {
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toConversation);
}

export async function listMessages(db: Database, conversationId: string): Promise<StoredMessage[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('id', 'asc')
    .execute();
  return rows.map((row) => {
    // PGlite and pg both parse jsonb; a string would mean a driver that did not.
    const content: unknown = typeof row.content === 'string' ? JSON.parse(row.content) : row.content;
    return {
      id: Number(row.id),
      role: row.role,
      content: Array.isArray(content) ? content : [],
      turnId: row.turn_id ?? '',
      provider: row.provider,
      modelId: row.model_id,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      credits: row.credits,
      createdAt: new Date(row.created_at),
    };
  });
}

/** Appends a turn's messages and touches the conversation, together. */
export async function appendMessages(
  db: Database,
  conversationId: string,
  messages: readonly NewMessage[],
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (messages.length > 0) {
      await trx
        .insertInto('messages')
        .values(
          messages.map((message) => ({
            conversation_id: conversationId,
            role: message.role,
            content: JSON.stringify(message.content),
            turn_id: message.turnId,
            provider: message.provider ?? null,
            model_id: message.modelId ?? null,
            input_tokens: message.inputTokens ?? null,
            output_tokens: message.outputTokens ?? null,
            credits: message.credits ?? null,
            created_at: now,
          })),
        )
        .execute();
    }
    await trx
      .updateTable('conversations')
      .set({ updated_at: now })
      .where('id', '=', conversationId)
      .execute();
  });
}
