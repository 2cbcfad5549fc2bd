import { Command } from 'commander';
import type { Config } from '../config/config.js';
import { embeddedDataDir, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Print } from './output.js';

export function createMigrateCommand(deps: { config: () => Config; print: () => Print }): Command {
  return new Command('migrate').description('apply pending database migrations').action(async () => {
    const config = deps.config();
    const db = await openDatabase({ url: config.database.url, dataDir: embeddedDataDir(config.home) });
    try {
      const { applied } = await migrateToLatest(db);
      deps.print()(applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`, {
        applied,
      });
    } finally {
      await db.destroy();
    }
  });
}
