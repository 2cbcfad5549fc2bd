import {
  CLIENT_CAPABILITIES_META_KEY,
  MissingRequiredClientCapabilityError,
  type Server,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { assetLink } from '../../core/asset-view.js';
import type { Caller } from '../../core/caller.js';
import { jobPolicy, type TimedJobView } from '../../core/video-jobs.js';
import type { McpSessionOptions } from './session-options.js';
import { answerToResult } from './tool-result.js';

/**
 * Video as a task of the MCP tasks extension (SEP-2663, with revision 2026-07-28), served by
 * hand: SDK v2 has no tasks API. A task is a video job: its id is the job id, its state lives
 * in Postgres, so any instance answers `tasks/get` and the job worker of any instance
 * advances it. Clients that do not declare the extension get `generate_video`'s job id and
 * poll `get_job`, as before.
 */

export const tasksExtension = 'io.modelcontextprotocol/tasks';

export interface VideoTaskDeps {
  session: Pick<McpSessionOptions, 'core' | 'userId' | 'admit'>;
  callerOf(userId: string, source: string, ctx: ServerContext): Caller;
  /** Throws the protocol error for a failure (NOT_FOUND: -32602 on 2026-07-28). */
  fail(error: unknown): never;
}

type ToolCallHandler<Request, Result> = (request: Request, ctx: ServerContext) => Promise<Result>;

/** Wraps the `tools/call` handler: a started video becomes a task for clients that declared tasks. */
export type VideoTaskCalls = <Request extends { params: { name: string } }, Result>(
  handler: ToolCallHandler<Request, Result>,
) => ToolCallHandler<Request, Result>;

/** For the 2025 era, which has no tasks extension: `tools/call` answers as it always did. */
export const withoutVideoTasks: VideoTaskCalls = (handler) => handler;

const taskParams = z.object({ taskId: z.string().min(1).max(100) });
const updateParams = taskParams.extend({ inputResponses: z.record(z.string(), z.unknown()).optional() });

/** Whether this request's `_meta` client capabilities name the tasks extension. */
export function declaresTasks(ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const capabilities = envelope?.[CLIENT_CAPABILITIES_META_KEY] as
    | { extensions?: Record<string, unknown> }
    | undefined;
  return capabilities?.extensions?.[tasksExtension] !== undefined;
}

/** The task for a job; a finished one carries what get_job answers, as the tools/call result. */
export function taskOf({ view, createdAt, updatedAt }: TimedJobView): Record<string, unknown> {
  const task = {
    taskId: view.jobId,
    createdAt: createdAt.toISOString(),
    lastUpdatedAt: updatedAt.toISOString(),
    // Jobs are kept in the database; a task never expires on its own.
    ttlMs: null,
    pollIntervalMs: jobPolicy.pollEverySeconds * 1000,
  };
  const result = () => ({
    resultType: 'complete',
    ...answerToResult({ structured: view, links: view.assets.map((asset) => assetLink(asset)) }),
  });
  switch (view.status) {
    case 'queued':
    case 'running':
      return { ...task, status: 'working', statusMessage: `video ${Math.round(view.progress * 100)} % done` };
    case 'succeeded':
      return { ...task, status: 'completed', statusMessage: view.note ?? 'video ready', result: result() };
    // A provider failure is a tool error, not a JSON-RPC one: the task completes with `isError`.
    case 'failed':
      return {
        ...task,
        status: 'completed',
        statusMessage: view.error ?? 'failed',
        result: { ...result(), isError: true },
      };
    case 'cancelled':
      return { ...task, status: 'cancelled', statusMessage: view.error ?? 'cancelled' };
  }
}

/** Declares the extension and serves `tasks/get`, `tasks/update` and `tasks/cancel` (2026-07-28 era only). */
export function registerVideoTasks(server: Server, deps: VideoTaskDeps): VideoTaskCalls {
  server.registerCapabilities({ extensions: { [tasksExtension]: {} } });

  /** `tasks/*` need the extension declared in this request's `_meta` (SEP-2663): -32021 otherwise. */
  function requireTasks(ctx: ServerContext, method: string): void {
    if (declaresTasks(ctx)) return;
    throw new MissingRequiredClientCapabilityError(
      { requiredCapabilities: { extensions: { [tasksExtension]: {} } } },
      `${method} needs the ${tasksExtension} extension declared in the request's client capabilities`,
    );
  }

  /** The caller's job (another user's is not found: the read is by owner), after the rate bucket. */
  async function read(taskId: string, ctx: ServerContext, source: string): Promise<TimedJobView> {
    requireTasks(ctx, source);
    const [core, userId] = await Promise.all([deps.session.core(), deps.session.userId()]);
    try {
      deps.session.admit?.(userId);
      return await core.readTimedJob(deps.callerOf(userId, source, ctx), taskId);
    } catch (error) {
      deps.fail(error);
    }
  }

  server.setRequestHandler('tasks/get', { params: taskParams }, async (params, ctx) =>
    taskOf(await read(params.taskId, ctx, 'tasks/get')),
  );
  // No video task ever waits for input, so there is nothing to take; unknown tasks are refused.
  server.setRequestHandler('tasks/update', { params: updateParams }, async (params, ctx) => {
    await read(params.taskId, ctx, 'tasks/update');
    return {};
  });
  // Cooperative by the spec; here the job stops at once and its credit hold is released.
  server.setRequestHandler('tasks/cancel', { params: taskParams }, async (params, ctx) => {
    requireTasks(ctx, 'tasks/cancel');
    const [core, userId] = await Promise.all([deps.session.core(), deps.session.userId()]);
    try {
      deps.session.admit?.(userId);
      await core.cancelJob(deps.callerOf(userId, 'tasks/cancel', ctx), params.taskId);
    } catch (error) {
      deps.fail(error);
    }
    return {};
  });

  async function answer(toolName: string, result: unknown, ctx: ServerContext): Promise<unknown> {
    const sent = result as { isError?: boolean; structuredContent?: { jobId?: unknown } };
    if (toolName !== 'generate_video' || sent.isError === true || !declaresTasks(ctx)) return result;
    const jobId = sent.structuredContent?.jobId;
    if (typeof jobId !== 'string') return result;
    // Read back before answering: the task is durable (a tasks/get resolves) once it is sent.
    // The call was admitted already; if the read fails the job id still reaches the client.
    const [core, userId] = await Promise.all([deps.session.core(), deps.session.userId()]);
    const timed = await core
      .readTimedJob(deps.callerOf(userId, 'generate_video', ctx), jobId)
      .catch(() => undefined);
    return timed === undefined ? result : { resultType: 'task', ...taskOf(timed) };
  }

  // The SDK types tools/call results as CallToolResult; a CreateTaskResult is the extension's other shape.
  return (handler) => async (request, ctx) =>
    (await answer(request.params.name, await handler(request, ctx), ctx)) as Awaited<
      ReturnType<typeof handler>
    >;
}
