import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
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
import type { Core } from '../../core/create-core.js';
import type { ReadPolicy } from '../../core/read-policy.js';
import { AppError, toAppError } from '../../errors/app-error.js';
import { invalidInput } from '../../errors/zod-issues.js';
import type { Logger } from '../../logger.js';
import type { RegisteredTool } from '../../tools/tool-definition.js';
import { listAssetResources, readAssetResource } from './asset-resources.js';
import { answerToResult, errorToResult } from './tool-result.js';

type RequestExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface McpSessionOptions {
  /** Resolved lazily so `initialize` and `tools/list` never wait for the database. */
  core: () => Promise<Core>;
  /** The user this session acts for. */
  userId: () => Promise<string>;
  logger: () => Logger;
  tools: readonly RegisteredTool[];
  version: string;
  /** Called after the first `tools/list` answer is built (stdio warms its database then). */
  onToolsListed?: () => void;
  /** Takes one tool call or resource read from the user's bucket; throws RATE_LIMITED past it. */
  admit?: (userId: string) => void;
  /** How long a `sampling/createMessage` may wait for the client (one try). Default 60 s. */
  samplingTimeoutMs?: number;
  /** Inline limits and the bound on large reads; the documented defaults when absent. */
  reads?: ReadPolicy;
}

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

const instructions = `AdEngine makes advertising material: ad copy for Meta, TikTok, Google, LinkedIn and X
(create_ad_creative), market analysis (analyze_market), images (generate_image) and videos
(generate_video, then get_job). Calls that generate cost credits (see list_models for prices,
get_credit_balance for the balance); pass an idempotencyKey when you may retry. Generated files come
back as asset:// links, readable with resources/read.`;

const resourceNotFound = -32002;

/** Protocol errors outside tools keep the stable code in their message: `NOT_FOUND: …`. */
function toMcpError(error: unknown): never {
  const appError = toAppError(error);
  const code =
    appError.code === 'NOT_FOUND'
      ? resourceNotFound
      : appError.code === 'INVALID_INPUT'
        ? ErrorCode.InvalidParams
        : ErrorCode.InternalError;
  const retry =
    appError.retryAfterSeconds === undefined ? '' : ` (retry after ${appError.retryAfterSeconds} s)`;
  throw new McpError(code, `${appError.code}: ${appError.message}${retry}`);
}

/** One MCP server per session. It knows no transport: stdio and Streamable HTTP connect to it. */
export function createMcpServer(options: McpSessionOptions): Server {
  const server = new Server(
    { name: 'adengine', title: 'AdEngine', version: options.version },
    { capabilities: { tools: {}, resources: {}, logging: {} }, instructions },
  );
  const byName = new Map(options.tools.map((tool) => [tool.name, tool]));
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
          .sendNotification({
            method: 'notifications/progress',
            params: {
              progressToken,
              progress,
              ...(total === undefined ? {} : { total }),
              ...(message ? { message } : {}),
            },
          })
          .catch(() => undefined);
      },
      log: async (level, message) => {
        options
          .logger()
          [level === 'warning' ? 'warn' : level === 'error' ? 'error' : 'info']({ source }, message);
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

  server.setRequestHandler(ListToolsRequestSchema, async () => {
    options.onToolsListed?.();
    return { tools: listed };
  });
  const listed = options.tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputJsonSchema as { type: 'object' },
    outputSchema: tool.outputJsonSchema as { type: 'object' },
    annotations: { title: tool.title, ...tool.annotations },
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (tool === undefined)
      return errorToResult(new AppError('INVALID_INPUT', `name: no tool named "${request.params.name}"`));
    const parsed = tool.input.safeParse(request.params.arguments ?? {});
    if (!parsed.success) return errorToResult(invalidInput(parsed.error, `${tool.name} arguments`));
    try {
      const [core, userId] = await Promise.all([options.core(), options.userId()]);
      options.admit?.(userId);
      const answer = await tool.handler(parsed.data, { core, caller: callerOf(userId, tool.name, extra) });
      const checked = tool.output.safeParse(answer.structured);
      if (!checked.success) {
        options
          .logger()
          .error({ tool: tool.name, issues: checked.error.issues }, 'tool answer does not match its schema');
        throw new AppError(
          'INTERNAL',
          `${tool.name} produced an answer that does not match its output schema`,
        );
      }
      return answerToResult(answer);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL')
        options.logger().error({ err: error, tool: tool.name }, 'tool failed');
      else if (appError.details?.providerMessage !== undefined)
        // The provider's own words (secrets already hidden) go to the server log, never to the client.
        options
          .logger()
          .warn({ tool: tool.name, code: appError.code, provider: appError.details }, 'provider call failed');
      return errorToResult(appError);
    }
  });

  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      {
        uriTemplate: 'asset://{assetId}',
        name: 'asset',
        title: 'Generated asset',
        description:
          'An image, video or text this user generated; the bytes for small assets, a URL for large ones ' +
          '(read asset://{assetId}?bytes=true to ask for the bytes of a large one, within the server limit).',
      },
    ],
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
