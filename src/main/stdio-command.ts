import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { Command } from 'commander';
import { RateLimiter } from '../core/rate-limiter.js';
import { createReadPolicy } from '../core/read-policy.js';
import { AppError } from '../errors/app-error.js';
import { createEraMcpServer } from '../server/mcp/era-mcp-server.js';
import type { McpSessionOptions } from '../server/mcp/session-options.js';
import { toolList } from '../tools/tool-list.js';
import { version } from '../version.js';
import type { ProcessContext } from './process-context.js';
import type { Runtime } from './runtime.js';
import { withStartupNotice } from './startup-notice.js';

/**
 * MCP over stdio. The transport connects at once; the process (database, sweeper, job worker)
 * opens in the background, so `initialize` and `tools/list` never wait for it. Nothing but
 * JSON-RPC is written to stdout.
 */
export function createStdioCommand(context: ProcessContext): Command {
  return new Command('stdio')
    .description('serve MCP over stdin/stdout as one user')
    .option('--user <email>', 'act as this user (default ADENGINE_USER, else the local user)')
    .action(async (options: { user?: string }) => {
      const config = context.config();
      // Production never falls back to a local user it would have to create.
      if (config.profile === 'production' && (options.user ?? config.stdioUser) === undefined) {
        throw new AppError(
          'CONFIG_ERROR',
          'stdio in production needs a user. Fix: pass --user EMAIL or set ADENGINE_USER (create one with adengine users create)',
        );
      }
      const limiter = new RateLimiter(config.rateLimits);
      let opening: Promise<Runtime> | undefined;
      const runtime = (): Promise<Runtime> => {
        opening ??= import('./runtime.js').then(async ({ openRuntime }) => {
          const opened = await withStartupNotice(config, () => openRuntime(config, context.logger()));
          opened.start();
          return opened;
        });
        return opening;
      };
      let resolving: Promise<string> | undefined;
      const userId = (): Promise<string> => {
        resolving ??= runtime().then(async ({ core }) => {
          const email = options.user ?? config.stdioUser;
          if (email !== undefined) return (await core.requireUser(email)).id;
          return (await core.ensureLocalUser()).user.id;
        });
        // A wrong --user or an unreachable database ends the process with one clear line.
        resolving.catch((error: unknown) => context.fail(error));
        return resolving;
      };
      // The database opens once the client has its tool list (or after 1.5 s): opening it is
      // CPU work on this thread and would otherwise delay `initialize` and `tools/list`.
      const warm = () => void userId().catch(() => undefined);
      const sessionOptions: McpSessionOptions = {
        core: async () => (await runtime()).core,
        userId,
        logger: () => context.logger(),
        tools: toolList,
        version,
        onToolsListed: () => setImmediate(warm),
        admit: (user) => limiter.takeFor('tool-call', user),
        samplingTimeoutMs: config.mcp.samplingTimeoutMs,
        reads: createReadPolicy(config.mcp),
      };
      // A named user is checked before the client gets `initialize`: a wrong one fails here, with
      // one line naming it, not as "Connection closed" on the first tool call. This costs one
      // database open before tools/list (docs/benchmarks.md); the default local user does not.
      if ((options.user ?? config.stdioUser) !== undefined) await userId();
      setTimeout(warm, 1500).unref();
      let exiting = false;
      // A client that has gone cannot take an answer: its calls are cancelled at once, releasing
      // their holds. SIGTERM lets calls in progress finish first.
      const shutdown = (graceMs?: number) => {
        if (exiting) return;
        exiting = true;
        const closing =
          opening === undefined
            ? Promise.resolve()
            : opening.then((ready) => ready.stop(graceMs === undefined ? {} : { graceMs }));
        void closing.catch(() => undefined).finally(() => process.exit(0));
      };
      // The SDK transport does not watch for end of input: a client that closes our stdin is gone.
      process.stdin.once('end', () => shutdown(0));
      process.once('SIGTERM', () => shutdown());
      process.once('SIGINT', () => shutdown());
      // The first message picks the era: `initialize` pins a 2025 session, an enveloped request 2026.
      serveStdio((served) => createEraMcpServer(sessionOptions, served.era), {
        onerror: (error) => context.logger().debug({ err: error }, 'stdio MCP message refused'),
      });
    });
}
