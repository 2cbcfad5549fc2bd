import { Command } from 'commander';
import { createApiKey } from '../db/repositories/api-keys.js';
import { requireUserByEmail } from '../db/repositories/users.js';
import type { CliContext } from './cli-context.js';

export function createKeysCommand(context: CliContext): Command {
  const keys = new Command('keys').description('manage API keys');
  keys
    .command('create')
    .description('create an API key for a user; it is shown once')
    .requiredOption('--user <email>', 'the key’s user')
    .option('--name <name>', 'a label for the key')
    .action(async (options: { user: string; name?: string }) => {
      await context.withServices(async ({ db }) => {
        const user = await requireUserByEmail(db, options.user);
        const { key, id } = await createApiKey(db, user.id, options.name);
        context.print()(`${key}\n(shown once: store it now)`, { key, id });
      });
    });
  return keys;
}
