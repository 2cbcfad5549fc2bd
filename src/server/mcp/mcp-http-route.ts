import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context } from 'hono';
import type { Core } from '../../core/create-core.js';
import type { Logger } from '../../logger.js';
import { toolList } from '../../tools/tool-list.js';
import { createMcpServer } from './mcp-server.js';

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  userId: string;
  lastSeen: number;
}

const idleSessionMs = 30 * 60 * 1000;

function jsonRpcError(status: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * Streamable HTTP, stateful: sampling and elicitation need the client's answer to reach the
 * session that asked. A session belongs to the user whose key opened it; another key gets 404.
 */
export function createMcpRoute(options: { core: Core; logger: Logger; version: string }) {
  const sessions = new Map<string, Session>();

  const sweep = setInterval(() => {
    const cutoff = Date.now() - idleSessionMs;
    for (const [id, session] of sessions) {
      if (session.lastSeen < cutoff) void session.transport.close();
      if (session.lastSeen < cutoff) sessions.delete(id);
    }
  }, 60_000);
  sweep.unref();

  async function handle(context: Context): Promise<Response> {
    const user = context.get('user');
    const sessionId = context.req.header('mcp-session-id');
    if (sessionId !== undefined) {
      const session = sessions.get(sessionId);
      if (session === undefined || session.userId !== user.id)
        return jsonRpcError(404, 'session not found; initialize a new one');
      session.lastSeen = Date.now();
      return session.transport.handleRequest(context.req.raw);
    }
    if (context.req.method !== 'POST')
      return jsonRpcError(400, 'no mcp-session-id header: initialize first with POST');

    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, userId: user.id, lastSeen: Date.now() });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    const server = createMcpServer({
      core: async () => options.core,
      userId: async () => user.id,
      logger: () => options.logger,
      tools: toolList,
      version: options.version,
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    return transport.handleRequest(context.req.raw);
  }

  return {
    handle,
    close: async () => {
      clearInterval(sweep);
      await Promise.all(
        [...sessions.values()].map((session) => session.transport.close().catch(() => undefined)),
      );
      sessions.clear();
    },
  };
}
