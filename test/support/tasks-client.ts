import { Client, type JSONRPCErrorResponse, type JSONRPCResponse } from '@modelcontextprotocol/client';
import { z } from 'zod';

/**
 * A 2026-07-28 client that declares the MCP tasks extension (`io.modelcontextprotocol/tasks`,
 * SEP-2663). SDK 2.4.0's `Client` sends the declaration (it is a client capability) but its
 * 2026 codec refuses a `resultType: "task"` answer as UNSUPPORTED_RESULT_TYPE and drops it. So
 * at the response seam the SDK documents for subclasses (`_onresponse`), a task answer is
 * handed on as a complete result carrying the task under `taskKey` in `_meta`; every other
 * response passes untouched. `tasks/get` and `tasks/cancel` go through the SDK as custom methods.
 */

const taskKey = 'test/createTaskResult';

export const taskSchema = z.looseObject({
  taskId: z.string(),
  status: z.enum(['working', 'input_required', 'completed', 'failed', 'cancelled']),
  statusMessage: z.string().optional(),
  createdAt: z.string(),
  lastUpdatedAt: z.string(),
  ttlMs: z.number().nullable(),
  pollIntervalMs: z.number().optional(),
  result: z
    .looseObject({
      content: z.array(z.looseObject({ type: z.string() })),
      structuredContent: z.record(z.string(), z.unknown()).optional(),
      isError: z.boolean().optional(),
    })
    .optional(),
});
export type Task = z.infer<typeof taskSchema>;

const callAnswer = z.looseObject({
  content: z.array(z.looseObject({ type: z.string() })).optional(),
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
  _meta: z.record(z.string(), z.unknown()).optional(),
});

export type ToolAnswerOrTask =
  | { kind: 'task'; task: Task; raw: Record<string, unknown> }
  | { kind: 'result'; result: z.infer<typeof callAnswer> };

export class TasksClient extends Client {
  constructor(name: string, declareTasks = true) {
    super(
      { name, version: '1.0.0' },
      {
        versionNegotiation: { mode: { pin: '2026-07-28' } },
        capabilities: declareTasks ? { extensions: { 'io.modelcontextprotocol/tasks': {} } } : {},
      },
    );
  }

  protected override _onresponse(response: JSONRPCResponse | JSONRPCErrorResponse): void {
    const result = 'result' in response ? (response.result as Record<string, unknown>) : undefined;
    if (result?.resultType === 'task') {
      super._onresponse({
        ...response,
        result: { resultType: 'complete', content: [], _meta: { [taskKey]: result } },
      } as JSONRPCResponse);
    } else {
      super._onresponse(response);
    }
  }

  /** `tools/call`, answered either by the tool's result or by a task (the server decides). */
  async callToolOrTask(name: string, args: Record<string, unknown>): Promise<ToolAnswerOrTask> {
    const result = await this.request(
      { method: 'tools/call', params: { name, arguments: args } },
      callAnswer,
    );
    const raw = result._meta?.[taskKey] as Record<string, unknown> | undefined;
    if (raw === undefined) return { kind: 'result', result };
    return { kind: 'task', task: taskSchema.parse(raw), raw };
  }

  getTask(taskId: string): Promise<Task> {
    return this.request({ method: 'tasks/get', params: { taskId } }, taskSchema);
  }

  cancelTask(taskId: string): Promise<unknown> {
    return this.request({ method: 'tasks/cancel', params: { taskId } }, z.looseObject({}));
  }
}
