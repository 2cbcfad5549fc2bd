import type { Config } from '../config/config.js';
import { type Database, embeddedDataDir, openDatabase } from '../db/database.js';
import { type MigrationReport, migrateToLatest } from '../db/migrate.js';
import type { Logger } from '../logger.js';

/** Opens the configured database and applies pending migrations (start-up always does). */
export async function openMigratedDatabase(
  config: Config,
  logger: Logger,
): Promise<{ db: Database; migrations: MigrationReport }> {
  const db = await openDatabase({
    url: config.database.url,
    dataDir: embeddedDataDir(config.home),
    poolMax: config.database.poolMax,
    // The pool replaces a lost idle connection on next use; the process must not die of it.
    onIdleError: (error) => logger.warn({ err: error }, 'an idle database connection failed'),
  });
  try {
    return { db, migrations: await migrateToLatest(db) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
