/**
 * The server half of bench/memory-hardening.ts: `serve` as the CLI builds it (runtime, HTTP app
 * with the configured limits), plus two stored assets to read. Prints one JSON line on stdout.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config/load-config.js';
import { systemClock } from '../../src/core/clock.js';
import { storeAsset } from '../../src/core/store-asset.js';
import { createLogger } from '../../src/logger.js';
import { openMigratedDatabase } from '../../src/main/open-database.js';
import { openRuntime } from '../../src/main/runtime.js';
import { createHttpApp } from '../../src/server/http-app.js';

const config = loadConfig();
const logger = createLogger('error');
const { db } = await openMigratedDatabase(config, logger);
const runtime = await openRuntime(config, logger, { db });
const { user, newKey } = await runtime.core.ensureLocalUser();
const storage = await runtime.storage();

async function asset(bytes: number): Promise<string> {
  const stored = await storeAsset(
    { db, storage, clock: systemClock },
    { userId: user.id, kind: 'video', bytes: new Uint8Array(randomBytes(bytes)), mimeType: 'video/mp4' },
  );
  return stored.id;
}

const large = await asset(8 * 1024 * 1024);
const small = await asset(64 * 1024);
const http = createHttpApp({
  core: runtime.core,
  logger,
  http: config.http,
  limits: config,
  version: 'bench',
});
const server = serve({ fetch: http.app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
process.stdout.write(
  `${JSON.stringify({ port: (server.address() as AddressInfo).port, key: newKey, large, small })}\n`,
);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
