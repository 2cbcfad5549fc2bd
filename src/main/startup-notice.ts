import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { embeddedDataDir } from '../db/embedded-data-dir.js';

/** How long start-up may stay silent. */
const quietMs = 1000;

/** An embedded home whose database folder is not made yet: opening it creates it (seconds). */
function firstStart(config: Config): boolean {
  return (
    config.database.url === undefined && !existsSync(path.join(embeddedDataDir(config.home), 'PG_VERSION'))
  );
}

function doing(config: Config, first: boolean): string {
  if (config.database.url !== undefined) return 'connecting to the database and applying pending migrations';
  const dataDir = embeddedDataDir(config.home);
  return first
    ? `creating the embedded database in ${dataDir} (first start: this takes a few seconds)`
    : `opening the embedded database in ${dataDir} and applying pending migrations`;
}

export interface StartupNoticeOptions {
  /**
   * Also announce an ordinary open that is slow (a loaded machine). `serve` does; one-shot
   * commands and `stdio` announce only a first start, so a failure stays their one stderr line.
   */
  announceSlowOpen?: boolean;
  write?: (line: string) => void;
}

/**
 * Runs `open` (the runtime's opening); when it takes more than a second, says on stderr what it
 * is doing, then how long it took and which migrations it applied. Silent when fast.
 */
export async function withStartupNotice<T extends { migrationsApplied: string[] }>(
  config: Config,
  open: () => Promise<T>,
  options: StartupNoticeOptions = {},
): Promise<T> {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const started = Date.now();
  // Decided now: once opening starts, the folder it creates would read as an existing one.
  const first = firstStart(config);
  const what = doing(config, first);
  let said = false;
  const timer =
    first || options.announceSlowOpen === true
      ? setTimeout(() => {
          said = true;
          write(`adengine: ${what}…\n`);
        }, quietMs)
      : undefined;
  timer?.unref();
  try {
    const opened = await open();
    const elapsed = Date.now() - started;
    const applied = opened.migrationsApplied;
    if (said || (applied.length > 0 && elapsed > quietMs)) {
      const migrations =
        applied.length === 0 ? '' : `; applied ${applied.length} migration(s): ${applied.join(', ')}`;
      write(`adengine: database ready in ${(elapsed / 1000).toFixed(1)} s${migrations}\n`);
    }
    return opened;
  } finally {
    clearTimeout(timer);
  }
}
