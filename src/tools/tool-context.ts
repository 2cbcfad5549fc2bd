import type { Caller } from '../core/caller.js';
import type { Core } from '../core/create-core.js';

/** What a tool handler gets: the core's operations and who is calling. Built per call by the MCP server. */
export interface ToolContext {
  core: Core;
  caller: Caller;
}
