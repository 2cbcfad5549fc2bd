import type { Config } from '../config/config.js';
import { type Database, embeddedDataDir, openDatabase } from '../db/database.js';
import { type MigrationReport, migrateToLatest } from '../db/migrate.js';

/** Opens the configured database and applies pending migrations (start-up always does). */
export async function openMigratedDatabase(
  config: Config,
): Promise<{ db: Database; migrations: MigrationReport }> {
  const db = await openDatabase({
    url: config.database.url,
    dataDir: embeddedDataDir(config.home),
    poolMax: config.database.poolMax,
  });
  try {
    return { db, migrations: await migrateToLatest(db) };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
