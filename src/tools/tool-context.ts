import type { Services } from '../app/services.js';
import type { User } from '../db/tables.js';
import type { SamplingBridge } from '../providers/provider-factories.js';

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';

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
  /** The connected client's own model (sampling), for `client-sampling`. */
  sampling: SamplingBridge;
}
