import { ProtocolError, Server, type ServerContext } from '@modelcontextprotocol/server';
import type { Caller, LogLevel } from '../../core/caller.js';
import type { Logger } from '../../logger.js';
import { listAssetResources, readAssetResource } from './asset-resources.js';
import { clientCanSample, runToolCallWithInputRequired } from './input-required-sampling.js';
import type { RequestStateOptions } from './input-required-state.js';
import { instructions, type McpSessionOptions } from './session-options.js';
import { assetTemplate, listedTools, protocolErrorOf, runToolCall } from './tool-calls.js';
import { registerVideoTasks, withoutVideoTasks } from './video-tasks.js';

export type McpEra = 'legacy' | 'modern';

/** 2026 caching hints: the tool list and template change only with a release; assets are per user. */
const cacheHints = {
  'tools/list': { ttlMs: 300_000, cacheScope: 'public' },
  'resources/templates/list': { ttlMs: 300_000, cacheScope: 'public' },
  'server/discover': { ttlMs: 300_000, cacheScope: 'public' },
  'resources/list': { ttlMs: 0, cacheScope: 'private' },
  'resources/read': { ttlMs: 0, cacheScope: 'private' },
} as const;

const noSampling: Caller['sampling'] = {
  supported: false,
  request: () => Promise.reject(new Error('this client cannot be asked for a completion')),
};

function progressNotification(
  progressToken: string | number,
  progress: number,
  total: number | undefined,
  message: string | undefined,
) {
  return {
    method: 'notifications/progress' as const,
    params: {
      progressToken,
      progress,
      ...(total === undefined ? {} : { total }),
      ...(message ? { message } : {}),
    },
  };
}

/** A tool's message for the client, also in the server's log under its source. */
function logOnServer(logger: Logger, level: LogLevel, source: string, message: string): void {
  logger[level === 'warning' ? 'warn' : level === 'error' ? 'error' : 'info']({ source }, message);
}

/**
 * The MCP server, for one serving unit: one 2026-07-28 HTTP request, one 2025 HTTP session, one
 * stdio connection of either era, or one orchestrator turn. Every tool call goes through tool-calls.ts.
 * 2026 requests carry their own log level and progress token; `client-sampling` asks a 2026
 * client through input-required results (input-required-sampling.ts), a 2025 one by request.
 */
export function createEraMcpServer(options: McpSessionOptions & RequestStateOptions, era: McpEra): Server {
  const server = new Server(
    { name: 'adengine', title: 'AdEngine', version: options.version },
    { capabilities: { tools: {}, resources: {}, logging: {} }, instructions, cacheHints },
  );
  const resourceNotFound = era === 'modern' ? -32602 : -32002;

  function callerOf(
    userId: string,
    source: string,
    ctx: ServerContext,
    roundSampling?: Caller['sampling'],
  ): Caller {
    const progressToken = ctx.mcpReq._meta?.progressToken;
    const legacySampling = era === 'legacy' && server.getClientCapabilities()?.sampling !== undefined;
    return {
      userId,
      signal: ctx.mcpReq.signal,
      progress: async (progress, total, message) => {
        if (progressToken === undefined) return;
        await ctx.mcpReq
          .notify(progressNotification(progressToken, progress, total, message))
          .catch(() => undefined);
      },
      log: async (level, message) => {
        logOnServer(options.logger(), level, source, message);
        // The SDK applies the session's level (2025) or the request's `_meta` level (2026).
        await ctx.mcpReq.log(level, message, source).catch(() => undefined);
      },
      // A 2026 round answers from the client's answers so far; a 2025 session asks by request.
      sampling:
        roundSampling ??
        (legacySampling
          ? {
              supported: true,
              request: (params, signal) =>
                ctx.mcpReq.requestSampling(
                  params as Parameters<ServerContext['mcpReq']['requestSampling']>[0],
                  {
                    signal,
                    timeout: options.samplingTimeoutMs ?? 60_000,
                  },
                ),
            }
          : noSampling),
    };
  }

  function fail(error: unknown, data?: Record<string, unknown>): never {
    const { code, message } = protocolErrorOf(error, resourceNotFound);
    throw new ProtocolError(code, message, data);
  }

  async function admitted(): Promise<{
    core: Awaited<ReturnType<McpSessionOptions['core']>>;
    userId: string;
  }> {
    const [core, userId] = await Promise.all([options.core(), options.userId()]);
    try {
      options.admit?.(userId);
    } catch (error) {
      fail(error);
    }
    return { core, userId };
  }

  const listed = listedTools(options.tools);
  server.setRequestHandler('tools/list', async () => {
    options.onToolsListed?.();
    return { tools: listed };
  });
  const videoTasks =
    era === 'modern' ? registerVideoTasks(server, { session: options, callerOf, fail }) : withoutVideoTasks;
  server.setRequestHandler(
    'tools/call',
    videoTasks(async (request, ctx) =>
      era === 'modern' && clientCanSample(ctx)
        ? runToolCallWithInputRequired(
            options,
            request.params.name,
            request.params.arguments,
            ctx,
            (userId, source, sampling) => callerOf(userId, source, ctx, sampling),
          )
        : runToolCall(options, request.params.name, request.params.arguments, (userId, source) =>
            callerOf(userId, source, ctx),
          ),
    ),
  );
  server.setRequestHandler('resources/templates/list', async () => ({ resourceTemplates: [assetTemplate] }));
  server.setRequestHandler('resources/list', async (request, ctx) => {
    const { core, userId } = await admitted();
    return listAssetResources(core, callerOf(userId, 'resources', ctx), request.params?.cursor).catch(
      (error: unknown) => fail(error),
    );
  });
  server.setRequestHandler('resources/read', async (request, ctx) => {
    const { core, userId } = await admitted();
    return readAssetResource(
      core,
      callerOf(userId, 'resources', ctx),
      request.params.uri,
      options.reads,
      // The URI in the error data tells a client which read failed (SEP-2164).
    ).catch((error: unknown) => fail(error, { uri: request.params.uri }));
  });
  return server;
}
