import type { SamplingBridge } from '../providers/sampling/sampling-bridge.js';

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';

/**
 * Who asks, and what their client can do. Every core operation takes one; an MCP session, a REST
 * request, a CLI command and the job worker each build theirs.
 */
export interface Caller {
  userId: string;
  /** Aborted when the caller cancels (MCP `notifications/cancelled`, a closed session or request). */
  signal: AbortSignal;
  /** Progress for a client that asked for it; a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** A message for the client (an MCP log notification), besides the server's own log. */
  log(level: LogLevel, message: string): Promise<void>;
  /** The client's own model (MCP sampling), for `client-sampling`. */
  sampling: SamplingBridge;
}

const noSampling: SamplingBridge = {
  supported: false,
  request: () => Promise.reject(new Error('this caller has no client model')),
};

/** A caller with no client abilities: REST, CLI, the job worker. */
export function plainCaller(userId: string, signal: AbortSignal = new AbortController().signal): Caller {
  return {
    userId,
    signal,
    progress: async () => undefined,
    log: async () => undefined,
    sampling: noSampling,
  };
}
