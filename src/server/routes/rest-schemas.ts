import { z } from '@hono/zod-openapi';
import type { ChatEvent, ChatTurnResult } from '../../core/chat-turn.js';
import type { ConversationSummary, ConversationView } from '../../core/conversations.js';
import { creditEntrySchema } from '../../tools/get-credit-balance-tool.js';
import { modelRefSchema } from '../../tools/shared-schemas.js';

/**
 * The REST schemas no MCP tool already declares (the REST-only reads and the chat turn); the
 * others are the tools' own. `satisfies` keeps each in step with the core type it documents.
 */

/** What the one HTTP error handler answers for every failure. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INVALID_INPUT' }),
      message: z.string().openapi({ example: 'body is invalid: chatModel: Invalid input' }),
    }),
  })
  .openapi('Error');

export const idParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b9f6c1e-2a4d-4f3e-9f59-3c1d2e4a5b6c' }),
});

export const modelsQuerySchema = z.object({ kind: z.enum(['chat', 'image', 'video']).optional() });

export const assetsQuerySchema = z.object({
  kind: z.enum(['image', 'video', 'text', 'upload']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});

export const conversationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const creditsResponseSchema = z
  .object({
    balance: z.number().int(),
    held: z.number().int().describe('promised to calls and jobs in progress'),
    available: z.number().int(),
    history: z.array(creditEntrySchema.extend({ id: z.number().int() })).describe('newest first, at most 50'),
  })
  .openapi('Credits');

/** `POST /chat` and `/chat/sync`: one orchestrator turn. */
export const chatRequestSchema = z
  .object({
    message: z.string().min(1).max(32_000),
    conversationId: z.string().min(1).max(100).optional().describe('continue this conversation'),
    model: z.string().min(1).max(200).optional().describe('a chat model id; default: your preference'),
    maxCredits: z.number().int().min(1).optional().describe('the turn’s own model tokens never cost more'),
  })
  .strict()
  .openapi('ChatRequest');

export const chatTurnResultSchema = z
  .object({
    conversationId: z.string(),
    answer: z.string(),
    creditsCharged: z.number().int().describe('turnCredits + toolCredits'),
    turnCredits: z.number().int(),
    toolCredits: z.number().int(),
    usage: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }),
    model: modelRefSchema,
    stopped: z.boolean().describe('the client left before the answer was finished'),
  })
  .openapi('ChatTurnResult') satisfies z.ZodType<ChatTurnResult>;

type EventData<T extends ChatEvent['type']> = Omit<Extract<ChatEvent, { type: T }>, 'type'>;

/** Each `/api/v1/chat` event's `data`, typed against the core's ChatEvent so they cannot drift apart. */
const chatEventData = {
  conversation: z
    .object({ conversationId: z.string(), title: z.string().nullable(), created: z.boolean() })
    .describe('first: the conversation this turn belongs to') satisfies z.ZodType<EventData<'conversation'>>,
  token: z
    .object({ text: z.string() })
    .describe('a piece of the answer, as the model writes it') satisfies z.ZodType<EventData<'token'>>,
  tool_start: z
    .object({ toolUseId: z.string(), name: z.string(), input: z.unknown() })
    .describe('the orchestrator calls one of the MCP tools') satisfies z.ZodType<EventData<'tool_start'>>,
  tool_end: z
    .object({
      toolUseId: z.string(),
      name: z.string(),
      status: z.enum(['success', 'error']),
      creditsCharged: z.number().int(),
    })
    .describe('that tool call finished, and what it charged') satisfies z.ZodType<EventData<'tool_end'>>,
  done: chatTurnResultSchema,
  error: z
    .object({ code: z.string(), message: z.string() })
    .describe('last, instead of done: the turn failed after streaming began'),
};

/**
 * One Server-Sent Event of `POST /api/v1/chat`, decoded: its `event:` name and its `data:` line
 * parsed as JSON. The stream is `conversation`, then `token` / `tool_start` / `tool_end` in the order
 * they happen, then `done` or `error`.
 */
export const chatStreamEventSchema = z
  .discriminatedUnion('event', [
    z.object({ event: z.literal('conversation'), data: chatEventData.conversation }),
    z.object({ event: z.literal('token'), data: chatEventData.token }),
    z.object({ event: z.literal('tool_start'), data: chatEventData.tool_start }),
    z.object({ event: z.literal('tool_end'), data: chatEventData.tool_end }),
    z.object({ event: z.literal('done'), data: chatEventData.done }),
    z.object({ event: z.literal('error'), data: chatEventData.error }),
  ])
  .openapi('ChatStreamEvent');

const conversationSummarySchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<ConversationSummary>;

export const conversationListSchema = z
  .object({ conversations: z.array(conversationSummarySchema) })
  .openapi('ConversationList');

export const conversationSchema = conversationSummarySchema
  .extend({
    messages: z.array(
      z.object({
        role: z.enum(['user', 'assistant', 'tool', 'system']),
        content: z.array(z.unknown()).describe('the stored content blocks'),
        provider: z.string().nullable(),
        model: z.string().nullable(),
        inputTokens: z.number().int().nullable(),
        outputTokens: z.number().int().nullable(),
        credits: z.number().int().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('Conversation') satisfies z.ZodType<ConversationView>;
