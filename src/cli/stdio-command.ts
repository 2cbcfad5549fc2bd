import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Command } from 'commander';
import type { Services } from '../app/services.js';
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
      let opening: Promise<Services> | undefined;
      const services = (): Promise<Services> => {
        opening ??= import('../app/services.js').then(async ({ createServices }) => {
          const ready = await createServices(config, context.logger());
          const { startJobPoller } = await import('../jobs/job-poller.js');
          const jobs = startJobPoller(ready);
          return { ...ready, close: () => jobs.stop().then(ready.close) };
        });
        return opening;
      };
      let resolving: Promise<User> | undefined;
      const user = (): Promise<User> => {
        resolving ??= services().then(async (ready) => {
          const email = options.user ?? config.stdioUser;
          if (email !== undefined) {
            const { requireUserByEmail } = await import('../db/repositories/users.js');
            return requireUserByEmail(ready.db, email);
          }
          const { ensureLocalUser } = await import('../app/local-user.js');
          return (await ensureLocalUser(ready)).user;
        });
        // A wrong --user or an unreachable database ends the process with one clear line.
        resolving.catch((error: unknown) => failAndExit(error));
        return resolving;
      };
      // The database opens once the client has its tool list (or after 1.5 s): opening it is
      // CPU work on this thread and would otherwise delay `initialize` and `tools/list`.
      const warm = () => void user().catch(() => undefined);
      const server = createMcpServer({
        services,
        user,
        tools: toolList,
        version,
        onToolsListed: () => setImmediate(warm),
      });
      setTimeout(warm, 1500).unref();
      const transport = new StdioServerTransport();
      let exiting = false;
      const shutdown = () => {
        if (exiting) return;
        exiting = true;
        const closing = opening === undefined ? Promise.resolve() : opening.then((ready) => ready.close());
        void closing.catch(() => undefined).finally(() => process.exit(0));
      };
      transport.onclose = shutdown;
      // The SDK transport does not watch for end of input: a client that closes our stdin is gone.
      process.stdin.once('end', shutdown);
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
      await server.connect(transport);
    });
}
