import { Command } from 'commander';
import type { CliContext } from './cli-context.js';

/** Opening the process applies pending migrations; this command reports which. */
export function createMigrateCommand(context: CliContext): Command {
  return new Command('migrate').description('apply pending database migrations').action(async () => {
    await context.withCore(async (_core, opened) => {
      const applied = opened.migrationsApplied;
      context.print()(applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`, {
        applied,
      });
    });
  });
}
