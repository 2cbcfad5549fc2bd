import type { Services } from '../app/services.js';
import type { User } from '../db/tables.js';

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';

/** What the MCP client can do for us during a call: ask its own model (sampling). */
export interface SamplingAccess {
  supported: boolean;
  request(params: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
}

/** Everything a tool handler may use; built per call by the MCP server (or the orchestrator). */
export interface ToolContext {
  user: User;
  services: Services;
  /** Aborted when the client cancels (`notifications/cancelled`) or the session closes. */
  signal: AbortSignal;
  /** Sends `notifications/progress` when the client asked for it; a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** A log notification to the client (honours `logging/setLevel`) and a server log line. */
  log(level: LogLevel, message: string): Promise<void>;
  sampling: SamplingAccess;
}
