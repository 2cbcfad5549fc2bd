import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Command } from 'commander';
import type { Hono } from 'hono';
import { ensureLocalUser } from '../app/local-user.js';
import { createServices } from '../app/services.js';
import { startHoldSweeper } from '../credits/hold-sweeper.js';
import { AppError } from '../errors/app-error.js';
import { createHttpApp } from '../server/http-app.js';
import { version } from '../version.js';
import type { CliContext } from './cli-context.js';

function port(value: string): number {
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65535)
    throw new AppError('INVALID_INPUT', `--port must be 0 to 65535, got "${value}"`);
  return Number(value);
}

async function localAssetRoute(
  services: Awaited<ReturnType<typeof createServices>>,
): Promise<Array<{ path: string; app: Hono }>> {
  if (services.config.storage.backend !== 'local') return [];
  const storage = await services.storage();
  const { createLocalAssetRoute } = await import('../storage/local/local-asset-route.js');
  const { unwrapLocalStorage } = await import('../storage/create-storage.js');
  const local = unwrapLocalStorage(storage);
  return local === undefined ? [] : [{ path: '/assets', app: createLocalAssetRoute(local) }];
}

export function createServeCommand(context: CliContext): Command {
  return new Command('serve')
    .description('run the HTTP server: MCP at /mcp, REST at /api/v1')
    .option('--host <host>', 'address to bind (default HOST or 127.0.0.1)')
    .option('--port <port>', 'port (default PORT or 8787)', port)
    .action(async (options: { host?: string; port?: number }) => {
      const config = context.config();
      const host = options.host ?? config.http.host;
      const listenPort = options.port ?? config.http.port;
      const logger = context.logger();
      // Bind first (so --port 0 works and the links we hand out name the real port), then build.
      let handle: (request: Request) => Response | Promise<Response> = () =>
        Response.json({ error: { code: 'UNAVAILABLE', message: 'starting' } }, { status: 503 });
      const server = serve({ fetch: (request) => handle(request), hostname: host, port: listenPort });
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', (error: NodeJS.ErrnoException) =>
          reject(
            error.code === 'EADDRINUSE'
              ? new AppError(
                  'UNAVAILABLE',
                  `port ${listenPort} on ${host} is in use. Fix: stop the other process or pass --port`,
                )
              : error,
          ),
        );
      });
      const boundPort = (server.address() as AddressInfo).port;
      const services = await createServices(
        { ...config, http: { ...config.http, host, port: boundPort } },
        logger,
        {
          port: boundPort,
        },
      );
      const { newKey, user } = await ensureLocalUser(services);
      const http = createHttpApp(services, { version, publicRoutes: await localAssetRoute(services) });
      const sweeper = startHoldSweeper({
        ledger: services.ledger,
        intervalMs: config.credits.sweepIntervalSeconds * 1000,
        logger,
      });
      const { startJobPoller } = await import('../jobs/job-poller.js');
      const jobs = startJobPoller(services);
      handle = http.app.fetch;
      process.stderr.write(
        `adengine ${version} listening on ${services.baseUrl} (MCP at ${services.baseUrl}/mcp)\n`,
      );
      if (newKey !== undefined) {
        process.stdout.write(
          `\nFirst start: created the local user ${user.email}.\nAPI key (shown once, keep it): ${newKey}\n` +
            `Use it as "Authorization: Bearer ${newKey.slice(0, 6)}…" for ${services.baseUrl}/mcp and /api/v1.\n\n`,
        );
      }

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        server.close();
        await Promise.allSettled([sweeper.stop(), jobs.stop(), http.close()]);
        await services.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
