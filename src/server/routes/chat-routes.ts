import { type Context, Hono } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { plainCaller } from '../../core/caller.js';
import type { ChatEvent, ChatTurnInput } from '../../core/chat-turn.js';
import type { Core } from '../../core/create-core.js';
import { AppError, toAppError } from '../../errors/app-error.js';
import { invalidInput } from '../../errors/zod-issues.js';
import type { Logger } from '../../logger.js';

const chatBody = z
  .object({
    message: z.string().min(1).max(32_000),
    conversationId: z.string().min(1).max(100).optional(),
    model: z.string().min(1).max(200).optional(),
    maxCredits: z.number().int().min(1).optional(),
  })
  .strict();

const conversationsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError('INVALID_INPUT', 'body: must be JSON');
  }
}

function parse<Schema extends z.ZodType>(schema: Schema, value: unknown, where: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error, where);
  return parsed.data;
}

async function turnInput(context: Context): Promise<ChatTurnInput> {
  return parse(chatBody, await jsonBody(context.req.raw), 'body');
}

/**
 * The orchestrator over HTTP: `POST /chat` streams a turn as Server-Sent Events, each token
 * written as the model produces it; `/chat/sync` answers once. A turn refused before it starts
 * (bad body, another user's conversation, no credits) leaves through the one HTTP error handler
 * with its status; a failure once streaming is an `error` event. A client that disconnects stops
 * the turn, which then charges only what it used.
 */
export function createChatRoutes(core: Core, logger: Logger): Hono {
  const api = new Hono();

  api.post('/chat', async (context) => {
    const input = await turnInput(context);
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

  api.post('/chat/sync', async (context) => {
    const input = await turnInput(context);
    const caller = plainCaller(context.get('user').id, context.req.raw.signal);
    return context.json(await core.chatTurn(caller, input));
  });

  api.get('/me/conversations', async (context) => {
    const { limit } = parse(conversationsQuery, context.req.query(), 'query');
    return context.json(await core.listConversations(plainCaller(context.get('user').id), { limit }));
  });

  api.get('/conversations/:id', async (context) =>
    context.json(await core.readConversation(plainCaller(context.get('user').id), context.req.param('id'))),
  );

  return api;
}
