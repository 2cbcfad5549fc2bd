import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  type LoggingLevel,
  McpError,
  ReadResourceRequestSchema,
  type ServerNotification,
  type ServerRequest,
  SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Caller } from '../../core/caller.js';
import { listAssetResources, readAssetResource } from './asset-resources.js';
import { logOnServer, progressNotification } from './caller-parts.js';
import { instructions, type McpSessionOptions } from './session-options.js';
import { assetTemplate, listedTools, protocolErrorOf, runToolCall } from './tool-calls.js';

export type { McpSessionOptions } from './session-options.js';

type RequestExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const defaultSamplingTimeoutMs = 60_000;

const levels: LoggingLevel[] = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];

/** Protocol errors outside tools keep the stable code in their message: `NOT_FOUND: …`. */
function toMcpError(error: unknown): never {
  const { code, message } = protocolErrorOf(error, -32002);
  throw new McpError(code, message);
}

/** One MCP server per session. It knows no transport: stdio and Streamable HTTP connect to it. */
export function createMcpServer(options: McpSessionOptions): Server {
  const server = new Server(
    { name: 'adengine', title: 'AdEngine', version: options.version },
    { capabilities: { tools: {}, resources: {}, logging: {} }, instructions },
  );
  let minimumLevel: LoggingLevel = 'info';

  /** The caller of one request: this session's user, with this client's progress, logs and sampling. */
  function callerOf(userId: string, source: string, extra: RequestExtra): Caller {
    const progressToken = extra._meta?.progressToken;
    return {
      userId,
      signal: extra.signal,
      progress: async (progress, total, message) => {
        if (progressToken === undefined) return;
        await extra
          .sendNotification(progressNotification(progressToken, progress, total, message))
          .catch(() => undefined);
      },
      log: async (level, message) => {
        logOnServer(options.logger(), level, source, message);
        if (levels.indexOf(level) < levels.indexOf(minimumLevel)) return;
        await extra
          .sendNotification({
            method: 'notifications/message',
            params: { level, logger: source, data: message },
          })
          .catch(() => undefined);
      },
      sampling: {
        supported: server.getClientCapabilities()?.sampling !== undefined,
        request: (params, signal) =>
          server.createMessage(params as Parameters<Server['createMessage']>[0], {
            relatedRequestId: extra.requestId,
            signal,
            timeout: options.samplingTimeoutMs ?? defaultSamplingTimeoutMs,
          }),
      },
    };
  }

  server.setRequestHandler(SetLevelRequestSchema, async (request) => {
    minimumLevel = request.params.level;
    return {};
  });

  const listed = listedTools(options.tools);
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    options.onToolsListed?.();
    return { tools: listed };
  });

  server.setRequestHandler(
    CallToolRequestSchema,
    async (request, extra): Promise<CallToolResult> =>
      runToolCall(options, request.params.name, request.params.arguments, (userId, source) =>
        callerOf(userId, source, extra),
      ),
  );

  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [assetTemplate],
  }));

  server.setRequestHandler(ListResourcesRequestSchema, async (request, extra) => {
    const [core, userId] = await Promise.all([options.core(), options.userId()]);
    admitOrThrow(userId);
    return listAssetResources(core, callerOf(userId, 'resources', extra), request.params?.cursor).catch(
      toMcpError,
    );
  });

  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const [core, userId] = await Promise.all([options.core(), options.userId()]);
    admitOrThrow(userId);
    return readAssetResource(
      core,
      callerOf(userId, 'resources', extra),
      request.params.uri,
      options.reads,
    ).catch(toMcpError);
  });

  function admitOrThrow(userId: string): void {
    try {
      options.admit?.(userId);
    } catch (error) {
      toMcpError(error);
    }
  }

  return server;
}
