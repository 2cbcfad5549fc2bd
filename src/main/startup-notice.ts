import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { embeddedDataDir } from '../db/database.js';

/** How long start-up may stay silent. */
const quietMs = 1000;

function doing(config: Config): string {
  if (config.database.url !== undefined) return 'connecting to the database and applying pending migrations';
  const dataDir = embeddedDataDir(config.home);
  return existsSync(path.join(dataDir, 'PG_VERSION'))
    ? `opening the embedded database in ${dataDir} and applying pending migrations`
    : `creating the embedded database in ${dataDir} (first start: this takes a few seconds)`;
}

/**
 * Runs `open` (the runtime's opening); when it takes more than a second, says on stderr what it
 * is doing, then how long it took and which migrations it applied. Silent when fast.
 */
export async function withStartupNotice<T extends { migrationsApplied: string[] }>(
  config: Config,
  open: () => Promise<T>,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Promise<T> {
  const started = Date.now();
  // Decided now: once opening starts, the folder it creates would read as an existing one.
  const what = doing(config);
  let said = false;
  const timer = setTimeout(() => {
    said = true;
    write(`adengine: ${what}…\n`);
  }, quietMs);
  timer.unref();
  try {
    const opened = await open();
    if (said) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const applied = opened.migrationsApplied;
      const migrations =
        applied.length === 0 ? '' : `; applied ${applied.length} migration(s): ${applied.join(', ')}`;
      write(`adengine: database ready in ${seconds} s${migrations}\n`);
    }
    return opened;
  } finally {
    clearTimeout(timer);
  }
}
