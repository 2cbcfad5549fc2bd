// The baseline for bench/stdio-startup.ts: a bare MCP SDK server with the same number of tools.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'bare', version: '1.0.0' });
// As many tools as adengine serves (bench/stdio-startup.ts passes the count).
const count = Number(process.env.BARE_TOOL_COUNT ?? 11);
for (let index = 0; index < count; index++) {
  server.registerTool(
    `tool_${index}`,
    {
      title: `Tool ${index}`,
      description: 'A tool that does nothing, for a start-up baseline.',
      inputSchema: { prompt: z.string().min(1), count: z.number().int().min(1).max(4).optional() },
      outputSchema: { ok: z.boolean() },
    },
    async () => ({ content: [{ type: 'text', text: '{"ok":true}' }], structuredContent: { ok: true } }),
  );
}
await server.connect(new StdioServerTransport());
