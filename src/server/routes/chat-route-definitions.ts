import { createRoute } from '@hono/zod-openapi';
import { requireJsonBody } from './request-validation.js';
import {
  chatRequestSchema,
  chatStreamEventSchema,
  chatTurnResultSchema,
  conversationListSchema,
  conversationSchema,
  conversationsQuerySchema,
  idParamsSchema,
} from './rest-schemas.js';
import { errorAnswers, jsonAnswer, jsonBody } from './route-responses.js';

/** The routes of `createChatRoutes`, declared once for Hono's validators and the OpenAPI document. */

export const chatStreamRoute = createRoute({
  method: 'post',
  operationId: 'chat',
  path: '/chat',
  tags: ['chat'],
  summary: 'One orchestrator turn, streamed as Server-Sent Events',
  description:
    'A turn refused before it starts (bad body, another user’s or an unknown conversation, no credits) is an ordinary JSON error with its status; once streaming, a failure is an `error` event. A client that disconnects stops the turn, which charges only what it used.',
  middleware: [requireJsonBody] as const,
  request: { body: jsonBody(chatRequestSchema) },
  responses: {
    200: {
      description:
        'An event stream: `conversation` first, then `token`, `tool_start` and `tool_end` as they happen, then `done` (the ChatTurnResult) or `error`. The schema is one event decoded: its `event:` name and its `data:` line parsed as JSON.',
      content: {
        'text/event-stream': {
          schema: chatStreamEventSchema.openapi({
            example: { event: 'token', data: { text: 'Hi' } },
          }),
        },
      },
    },
    ...errorAnswers(402, 404, 503),
  },
});

export const chatSyncRoute = createRoute({
  method: 'post',
  operationId: 'chatSync',
  path: '/chat/sync',
  tags: ['chat'],
  summary: 'The same turn, answered once as JSON',
  middleware: [requireJsonBody] as const,
  request: { body: jsonBody(chatRequestSchema) },
  responses: {
    ...jsonAnswer(chatTurnResultSchema, 'the finished turn'),
    ...errorAnswers(402, 404, 502, 503, 504),
  },
});

export const listConversationsRoute = createRoute({
  method: 'get',
  operationId: 'listConversations',
  path: '/me/conversations',
  tags: ['chat'],
  summary: 'Your conversations, most recently active first',
  request: { query: conversationsQuerySchema },
  responses: { ...jsonAnswer(conversationListSchema, 'your conversations'), ...errorAnswers() },
});

export const readConversationRoute = createRoute({
  method: 'get',
  operationId: 'getConversation',
  path: '/conversations/{id}',
  tags: ['chat'],
  summary: 'One of your conversations with its messages (provider and model of each)',
  request: { params: idParamsSchema },
  responses: { ...jsonAnswer(conversationSchema, 'the conversation'), ...errorAnswers(404) },
});
