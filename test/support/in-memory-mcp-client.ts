import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { ReadPolicy } from '../../src/core/read-policy.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createEraMcpServer } from '../../src/server/mcp/era-mcp-server.js';
import { toolList } from '../../src/tools/tool-list.js';
import type { CoreHarness } from './core-harness.js';

/**
 * An SDK 1.x client connected in memory to our MCP server (2025 era, every tool) acting as the
 * harness's user: the wire an external 2025 client sees, without HTTP.
 */
export async function inMemoryMcpClient(
  h: CoreHarness,
  options: { name: string; logger?: Logger; reads?: ReadPolicy },
): Promise<Client> {
  const server = createEraMcpServer(
    {
      core: async () => h.core,
      userId: async () => h.userId,
      logger: () => options.logger ?? createLogger('silent'),
      tools: toolList,
      version: 'test',
      ...(options.reads === undefined ? {} : { reads: options.reads }),
    },
    'legacy',
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: options.name, version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}
