import { randomUUID } from 'node:crypto';
import {
  createMcpHandler,
  isJsonContentType,
  isLegacyRequest,
  type Server,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { Context } from 'hono';
import type { Config } from '../../config/config.js';
import type { Core } from '../../core/create-core.js';
import type { RateLimiter } from '../../core/rate-limiter.js';
import type { ReadPolicy } from '../../core/read-policy.js';
import { AppError } from '../../errors/app-error.js';
import type { Logger } from '../../logger.js';
import { toolList } from '../../tools/tool-list.js';
import { createEraMcpServer } from './era-mcp-server.js';
import { jsonRpcError, readJsonBody, taskNameMismatch } from './request-checks.js';

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  userId: string;
  /** The key that opened it: once revoked, the session closes. */
  keyId: string | undefined;
  lastSeen: number;
}

export interface McpRouteOptions {
  core: Core;
  logger: Logger;
  version: string;
  limits: Config['mcp'];
  /** Shared with the HTTP app: new sessions and tool calls take from their users' buckets. */
  limiter: RateLimiter;
  reads: ReadPolicy;
  now?: () => number;
  /** How often open sessions' keys are checked for revocation (another process may revoke). */
  keyCheckMs?: number;
  /** See HttpAppOptions.requestStateSecret. */
  requestStateSecret?: () => Promise<string>;
}

/**
 * Streamable HTTP. 2026-07-28 requests (a `_meta` envelope, no session) go to a stateless
 * per-request server; 2025 traffic stays stateful: sampling and elicitation need the client's answer to reach the
 * session that asked. A session belongs to the user whose key opened it; another user's key gets
 * 404. Sessions are bounded per user and in all, expire when idle, and close when their key is revoked.
 */
export function createMcpRoute(options: McpRouteOptions) {
  const { limits, limiter, logger } = options;
  const now = options.now ?? Date.now;
  const idleMs = limits.sessionIdleMinutes * 60_000;
  const sessions = new Map<string, Session>();
  /** Sessions being initialized, per user: counted against the cap before they exist. */
  const opening = new Map<string, number>();

  function drop(id: string, session: Session): void {
    sessions.delete(id);
    void session.transport.close().catch(() => undefined);
  }

  function sweepIdle(): void {
    const cutoff = now() - idleMs;
    for (const [id, session] of sessions) if (session.lastSeen < cutoff) drop(id, session);
  }

  async function closeRevoked(): Promise<void> {
    const keyIds = [...new Set([...sessions.values()].flatMap((session) => session.keyId ?? []))];
    if (keyIds.length === 0) return;
    const live = await options.core.liveKeyIds(keyIds);
    for (const [id, session] of sessions)
      if (session.keyId !== undefined && !live.has(session.keyId)) drop(id, session);
  }

  const sweep = setInterval(
    () => {
      sweepIdle();
      closeRevoked().catch((error: unknown) =>
        logger.warn({ err: error }, 'could not check the keys of open MCP sessions'),
      );
    },
    Math.min(options.keyCheckMs ?? 5_000, idleMs),
  );
  sweep.unref();

  /** Refuses a new session past the caps, with the seconds until a slot frees. */
  function admitSession(userId: string): void {
    sweepIdle();
    const own = [...sessions.values()].filter((session) => session.userId === userId);
    const pending = opening.get(userId) ?? 0;
    const oldest = Math.min(...own.map((session) => session.lastSeen), now());
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + idleMs - now()) / 1000));
    if (own.length + pending >= limits.sessionsPerUser) {
      throw new AppError(
        'RATE_LIMITED',
        `too many open MCP sessions (the limit is ${limits.sessionsPerUser} per user). Close one (DELETE /mcp) or wait for an idle one to expire`,
        { retryAfterSeconds },
      );
    }
    const total = sessions.size + [...opening.values()].reduce((sum, count) => sum + count, 0);
    if (total >= limits.sessionsMax) {
      throw new AppError('RATE_LIMITED', 'the server holds as many MCP sessions as it may; retry later', {
        retryAfterSeconds: 60,
      });
    }
    limiter.takeFor('session', userId);
  }

  // 2026-07-28: one server per request, no session, any instance can answer (docs/scale-out.md).
  const modern = createMcpHandler(
    (served) => {
      const userId = served.authInfo?.clientId;
      if (userId === undefined) throw new AppError('UNAUTHORIZED', 'no user for this MCP request');
      return createEraMcpServer(
        {
          core: async () => options.core,
          userId: async () => userId,
          logger: () => logger,
          tools: toolList,
          version: options.version,
          admit: (user) => limiter.takeFor('tool-call', user),
          reads: options.reads,
          ...(options.requestStateSecret === undefined
            ? {}
            : { requestStateSecret: options.requestStateSecret }),
        },
        'modern',
      );
    },
    { legacy: 'reject', onerror: (error) => logger.debug({ err: error }, 'MCP 2026 request refused') },
  );

  function serveModern(request: Request, userId: string, parsedBody: unknown): Promise<Response> {
    if (!isJsonContentType(request.headers.get('content-type')))
      return Promise.resolve(jsonRpcError(415, -32000, 'Content-Type must be application/json'));
    const mismatch = taskNameMismatch(request, parsedBody);
    if (mismatch !== undefined) return Promise.resolve(mismatch);
    // The key was checked by the bearer middleware; the key itself never reaches the server.
    return modern.fetch(request, { authInfo: { token: '', clientId: userId, scopes: [] }, parsedBody });
  }

  async function handle(context: Context): Promise<Response> {
    const user = context.get('user');
    const request = context.req.raw;
    const sessionId = context.req.header('mcp-session-id');
    // A JSON POST body is read and parsed once, then handed to whichever leg serves it.
    const body = await readJsonBody(request);
    if ('refusal' in body) return body.refusal;
    const { parsedBody } = body;
    if (sessionId === undefined && request.method === 'POST' && !(await isLegacyRequest(request, parsedBody)))
      return serveModern(request, user.id, parsedBody);
    if (sessionId !== undefined) {
      const session = sessions.get(sessionId);
      if (session !== undefined && session.lastSeen < now() - idleMs) drop(sessionId, session);
      if (session === undefined || !sessions.has(sessionId) || session.userId !== user.id)
        return jsonRpcError(404, -32000, 'session not found; initialize a new one');
      session.lastSeen = now();
      return session.transport.handleRequest(request, { parsedBody });
    }
    if (context.req.method !== 'POST')
      return jsonRpcError(400, -32000, 'no mcp-session-id header: initialize first with POST');

    admitSession(user.id);
    const keyId = context.get('apiKeyId');
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, userId: user.id, keyId, lastSeen: now() });
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    const server = createEraMcpServer(
      {
        core: async () => options.core,
        userId: async () => user.id,
        logger: () => logger,
        tools: toolList,
        version: options.version,
        admit: (userId) => limiter.takeFor('tool-call', userId),
        samplingTimeoutMs: limits.samplingTimeoutMs,
        reads: options.reads,
      },
      'legacy',
    );
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    opening.set(user.id, (opening.get(user.id) ?? 0) + 1);
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(request, { parsedBody });
      // Not an initialize (or a failed one): nothing keeps this server, so nothing may leak.
      if (transport.sessionId === undefined) await server.close().catch(() => undefined);
      return response;
    } finally {
      const count = (opening.get(user.id) ?? 1) - 1;
      if (count === 0) opening.delete(user.id);
      else opening.set(user.id, count);
    }
  }

  return {
    handle,
    /** Open sessions (for tests and the memory benchmark). */
    size: () => sessions.size,
    close: async () => {
      clearInterval(sweep);
      await modern.close().catch(() => undefined);
      await Promise.all(
        [...sessions.values()].map((session) => session.transport.close().catch(() => undefined)),
      );
      sessions.clear();
    },
  };
}
