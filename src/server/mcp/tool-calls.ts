import type { Caller } from '../../core/caller.js';
import type { Core } from '../../core/create-core.js';
import { AppError, toAppError } from '../../errors/app-error.js';
import { invalidInput } from '../../errors/zod-issues.js';
import type { Logger } from '../../logger.js';
import type { RegisteredTool } from '../../tools/tool-definition.js';
import { answerToResult, errorToResult } from './tool-result.js';

/**
 * What both protocol eras share: the tool list as sent, one tool call (validate, admit, run,
 * check the answer), the asset template. era-mcp-server.ts only translates each era's wire.
 */

export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: { type: 'object' };
  outputSchema: { type: 'object' };
  annotations: Record<string, unknown>;
}

const listedByList = new WeakMap<readonly RegisteredTool[], ListedTool[]>();

/** The `tools/list` entries, built once per tool list (the same array every time: deterministic). */
export function listedTools(tools: readonly RegisteredTool[]): ListedTool[] {
  let listed = listedByList.get(tools);
  if (listed === undefined) {
    listed = tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputJsonSchema as { type: 'object' },
      outputSchema: tool.outputJsonSchema as { type: 'object' },
      annotations: { title: tool.title, ...tool.annotations },
    }));
    listedByList.set(tools, listed);
  }
  return listed;
}

const byNameByList = new WeakMap<readonly RegisteredTool[], Map<string, RegisteredTool>>();

function toolNamed(tools: readonly RegisteredTool[], name: string): RegisteredTool | undefined {
  let byName = byNameByList.get(tools);
  if (byName === undefined) {
    byName = new Map(tools.map((tool) => [tool.name, tool]));
    byNameByList.set(tools, byName);
  }
  return byName.get(name);
}

export const assetTemplate = {
  uriTemplate: 'asset://{assetId}',
  name: 'asset',
  title: 'Generated asset',
  description:
    'An image, video or text this user generated; the bytes for small assets, a URL for large ones ' +
    '(read asset://{assetId}?bytes=true to ask for the bytes of a large one, within the server limit).',
};

export interface ToolCallDeps {
  tools: readonly RegisteredTool[];
  core: () => Promise<Core>;
  userId: () => Promise<string>;
  logger: () => Logger;
  admit?: (userId: string) => void;
}

/** One `tools/call`: every refusal and failure is an `isError` result, never a protocol error. */
export async function runToolCall(
  deps: ToolCallDeps,
  name: string,
  args: unknown,
  callerOf: (userId: string, source: string) => Caller,
) {
  const tool = toolNamed(deps.tools, name);
  if (tool === undefined)
    return errorToResult(new AppError('INVALID_INPUT', `name: no tool named "${name}"`));
  const parsed = tool.input.safeParse(args ?? {});
  if (!parsed.success) return errorToResult(invalidInput(parsed.error, `${tool.name} arguments`));
  try {
    const [core, userId] = await Promise.all([deps.core(), deps.userId()]);
    deps.admit?.(userId);
    const answer = await tool.handler(parsed.data, { core, caller: callerOf(userId, tool.name) });
    const checked = tool.output.safeParse(answer.structured);
    if (!checked.success) {
      deps
        .logger()
        .error({ tool: tool.name, issues: checked.error.issues }, 'tool answer does not match its schema');
      throw new AppError('INTERNAL', `${tool.name} produced an answer that does not match its output schema`);
    }
    return answerToResult(answer);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') deps.logger().error({ err: error, tool: tool.name }, 'tool failed');
    else if (appError.details?.providerMessage !== undefined)
      // The provider's own words (secrets already hidden) go to the server log, never to the client.
      deps
        .logger()
        .warn({ tool: tool.name, code: appError.code, provider: appError.details }, 'provider call failed');
    return errorToResult(appError);
  }
}

/** Protocol errors outside tools keep the stable code in their message: `NOT_FOUND: …`. */
export function protocolErrorOf(
  error: unknown,
  resourceNotFoundCode: number,
): { code: number; message: string } {
  const appError = toAppError(error);
  const code =
    appError.code === 'NOT_FOUND'
      ? resourceNotFoundCode
      : appError.code === 'INVALID_INPUT'
        ? -32602
        : -32603;
  const retry =
    appError.retryAfterSeconds === undefined ? '' : ` (retry after ${appError.retryAfterSeconds} s)`;
  return { code, message: `${appError.code}: ${appError.message}${retry}` };
}
