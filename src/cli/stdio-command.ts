import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command } from 'commander';
import { ensureLocalUser } from '../app/local-user.js';
import { createServices, type Services } from '../app/services.js';
import { requireUserByEmail } from '../db/repositories/users.js';
import type { User } from '../db/tables.js';
import { createMcpServer } from '../server/mcp/mcp-server.js';
import { toolList } from '../tools/tool-list.js';
import { version } from '../version.js';
import type { CliContext } from './cli-context.js';
import { failAndExit } from './output.js';

/**
 * MCP over stdio. The transport connects at once; the database opens in the background, so
 * `initialize` and `tools/list` never wait for it. Nothing but JSON-RPC is written to stdout.
 */
export function createStdioCommand(context: CliContext): Command {
  return new Command('stdio')
    .description('serve MCP over stdin/stdout as one user')
    .option('--user <email>', 'act as this user (default ADENGINE_USER, else the local user)')
    .action(async (options: { user?: string }) => {
      const config = context.config();
      const logger = context.logger();
      const services: Promise<Services> = createServices(config, logger);
      const user: Promise<User> = services.then(async (ready) => {
        const email = options.user ?? config.stdioUser;
        if (email !== undefined) return requireUserByEmail(ready.db, email);
        return (await ensureLocalUser(ready)).user;
      });
      // A wrong --user or an unreachable database ends the process with one clear line.
      user.catch((error: unknown) => failAndExit(error));

      const server = createMcpServer({
        services: () => services,
        user: () => user,
        tools: toolList,
        version,
      });
      const transport = new StdioServerTransport();
      transport.onclose = () => {
        void services.then((ready) => ready.close()).finally(() => process.exit(0));
      };
      await server.connect(transport);
    });
}
