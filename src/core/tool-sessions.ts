import type { McpClient } from '@strands-agents/sdk';

/** An MCP client on the product's own tools, acting as one user, open for one chat turn. */
export interface ToolSession {
  /** Handed to the orchestrator agent as its tools: it sees what an external MCP agent sees. */
  client: McpClient;
  close(): Promise<void>;
}

/**
 * Opens tool sessions for the orchestrator. The composition root implements it (an in-process
 * MCP server reached through an in-memory transport); the core knows no server.
 */
export interface ToolSessionFactory {
  open(userId: string): Promise<ToolSession>;
}
