import { OpenAPIHono } from '@hono/zod-openapi';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { plainCaller } from '../../core/caller.js';
import type { ChatEvent } from '../../core/chat-turn.js';
import type { Core } from '../../core/create-core.js';
import { AppError, toAppError } from '../../errors/app-error.js';
import type { Logger } from '../../logger.js';
import {
  chatStreamRoute,
  chatSyncRoute,
  listConversationsRoute,
  readConversationRoute,
} from './chat-route-definitions.js';
import { throwInvalidInput } from './request-validation.js';

/**
 * The orchestrator over HTTP: `POST /chat` streams a turn as Server-Sent Events, each token
 * written as the model produces it; `/chat/sync` answers once. A turn refused before it starts
 * (bad body, another user's conversation, no credits) leaves through the one HTTP error handler
 * with its status; a failure once streaming is an `error` event. A client that disconnects stops
 * the turn, which then charges only what it used.
 */
export function createChatRoutes(core: Core, logger: Logger): OpenAPIHono {
  const api = new OpenAPIHono({ defaultHook: throwInvalidInput });

  api.openapi(chatStreamRoute, async (context) => {
    const input = context.req.valid('json');
    const stop = new AbortController();
    const onRequestAbort = () => stop.abort(new AppError('CANCELLED', 'the client disconnected'));
    context.req.raw.signal.addEventListener('abort', onRequestAbort, { once: true });
    const caller = plainCaller(context.get('user').id, stop.signal);

    // Events wait here only until the stream opens (the turn's first event is the conversation).
    const early: ChatEvent[] = [];
    let stream: SSEStreamingApi | undefined;
    let writing: Promise<void> = Promise.resolve();
    const send = (event: string, data: unknown) => {
      const target = stream;
      if (target === undefined) return;
      writing = writing
        .then(() => target.writeSSE({ event, data: JSON.stringify(data) }))
        .catch(() => onRequestAbort());
    };
    const forward = (event: ChatEvent) => {
      const { type, ...data } = event;
      send(type, data);
    };
    let started!: () => void;
    const firstEvent = new Promise<void>((resolve) => {
      started = resolve;
    });
    const turn = core.chatTurn(caller, input, (event) => {
      if (stream === undefined) early.push(event);
      else forward(event);
      started();
    });
    // Refused before anything ran: the one error handler answers with the right status.
    await Promise.race([firstEvent, turn]);

    return streamSSE(context, async (opened) => {
      stream = opened;
      opened.onAbort(onRequestAbort);
      for (const event of early.splice(0)) forward(event);
      try {
        const result = await turn;
        send('done', result);
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === 'INTERNAL') logger.error({ err: error }, 'chat turn failed');
        send('error', { code: appError.code, message: appError.message });
      } finally {
        context.req.raw.signal.removeEventListener('abort', onRequestAbort);
        await writing;
      }
    });
  });

  api.openapi(chatSyncRoute, async (context) => {
    const input = context.req.valid('json');
    const caller = plainCaller(context.get('user').id, context.req.raw.signal);
    return context.json(await core.chatTurn(caller, input), 200);
  });

  api.openapi(listConversationsRoute, async (context) => {
    const { limit } = context.req.valid('query');
    return context.json(await core.listConversations(plainCaller(context.get('user').id), { limit }), 200);
  });

  api.openapi(readConversationRoute, async (context) =>
    context.json(
      await core.readConversation(plainCaller(context.get('user').id), context.req.valid('param').id),
      200,
    ),
  );

  return api;
}
