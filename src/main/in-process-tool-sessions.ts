import type { Core } from '../core/create-core.js';
import type { ToolSession, ToolSessionFactory } from '../core/tool-sessions.js';
import type { Logger } from '../logger.js';
import { version } from '../version.js';

/**
 * The orchestrator's tools: our own MCP server, one per turn, acting as the turn's user, reached
 * by a Strands `McpClient` over an in-memory transport pair. The agent sees exactly the tools,
 * schemas and errors an external MCP client sees. SDKs load on the first turn, not at start-up.
 */
export function inProcessToolSessions(options: { core: () => Core; logger: Logger }): ToolSessionFactory {
  return {
    async open(userId: string): Promise<ToolSession> {
      const [{ InMemoryTransport }, { McpClient }, { createEraMcpServer }, { toolList }] = await Promise.all([
        import('@modelcontextprotocol/sdk/inMemory.js'),
        import('@strands-agents/sdk'),
        import('../server/mcp/era-mcp-server.js'),
        import('../tools/tool-list.js'),
      ]);
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const server = createEraMcpServer(
        {
          core: async () => options.core(),
          userId: async () => userId,
          logger: () => options.logger,
          tools: toolList,
          version,
        },
        'legacy',
      );
      await server.connect(serverSide);
      const client = new McpClient({
        transport: clientSide,
        applicationName: 'adengine-orchestrator',
        disableMcpInstrumentation: true,
        // Tool log messages go to the server log through the session's caller already.
        logHandler: () => undefined,
      });
      let closed = false;
      return {
        client,
        async close() {
          if (closed) return;
          closed = true;
          await client.disconnect().catch(() => undefined);
          await server.close().catch(() => undefined);
        },
      };
    },
  };
}
