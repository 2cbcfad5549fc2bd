import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Command } from 'commander';
import type { Hono } from 'hono';
import { AppError } from '../errors/app-error.js';
import { createHttpApp, createStartingApp } from '../server/http-app.js';
import { mediaOrigins } from '../server/web/media-origins.js';
import { loadAssetUrlSecret } from '../storage/local/asset-url-secret.js';
import { version } from '../version.js';
import type { ProcessContext } from './process-context.js';
import { openRuntime, type Runtime } from './runtime.js';
import { withStartupNotice } from './startup-notice.js';

function port(value: string): number {
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65535)
    throw new AppError('INVALID_INPUT', `--port must be 0 to 65535, got "${value}"`);
  return Number(value);
}

/** Local-disk storage serves its presigned links from this server. */
async function localAssetRoutes(runtime: Runtime): Promise<Array<{ path: string; app: Hono }>> {
  if (runtime.config.storage.backend !== 'local') return [];
  const { createLocalAssetRoute } = await import('../storage/local/local-asset-route.js');
  const { unwrapLocalStorage } = await import('../storage/create-storage.js');
  const local = unwrapLocalStorage(await runtime.storage());
  return local === undefined ? [] : [{ path: '/assets', app: createLocalAssetRoute(local) }];
}

export function createServeCommand(context: ProcessContext): Command {
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
      let app = createStartingApp(logger, version);
      // The server's own limits on slow clients; Node's defaults let one hold a socket for minutes.
      const { headersMs, requestMs, keepAliveMs } = config.http.timeouts;
      const server = serve({
        fetch: (request) => app.fetch(request),
        hostname: host,
        port: listenPort,
        serverOptions: {
          headersTimeout: headersMs,
          requestTimeout: requestMs,
          keepAliveTimeout: keepAliveMs,
          connectionsCheckingInterval: Math.min(1000, headersMs),
        },
      });
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
      const runtime = await withStartupNotice(
        config,
        () =>
          openRuntime({ ...config, http: { ...config.http, host, port: boundPort } }, logger, {
            port: boundPort,
          }),
        { announceSlowOpen: true },
      );
      // Development only: production never creates a user nor prints a key (use `adengine users create`).
      const { newKey, user } =
        runtime.config.profile === 'development'
          ? await runtime.core.ensureLocalUser()
          : { newKey: undefined, user: undefined };
      const requestStateSecret = loadAssetUrlSecret(runtime.config.assetUrlSecret, runtime.config.home);
      requestStateSecret.catch(() => undefined);
      const http = createHttpApp({
        core: runtime.core,
        logger,
        http: runtime.config.http,
        limits: runtime.config,
        version,
        publicRoutes: await localAssetRoutes(runtime),
        mediaOrigins: mediaOrigins(runtime.config, runtime.baseUrl),
        // Instances sharing the asset URL secret accept each other's input-required rounds.
        requestStateSecret: () => requestStateSecret,
      });
      runtime.start();
      app = http.app;
      process.stderr.write(
        `adengine ${version} listening on ${runtime.baseUrl} (MCP at ${runtime.baseUrl}/mcp)\n`,
      );
      if (newKey !== undefined && user !== undefined) {
        process.stdout.write(
          `\nFirst start: created the local user ${user.email}.\nAPI key (shown once, keep it): ${newKey}\n` +
            `Use it as "Authorization: Bearer ${newKey.slice(0, 6)}…" for ${runtime.baseUrl}/mcp and /api/v1.\n\n`,
        );
      }

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        server.close();
        // Calls in progress finish (or are cancelled and release their holds) before sessions close.
        await runtime.stop();
        await http.close().catch(() => undefined);
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
