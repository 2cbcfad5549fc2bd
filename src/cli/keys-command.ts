import { Command } from 'commander';
import type { CliContext } from './cli-context.js';

export function createKeysCommand(context: CliContext): Command {
  const keys = new Command('keys').description('manage API keys');
  keys
    .command('create')
    .description('create an API key for a user; it is shown once')
    .requiredOption('--user <email>', 'the key’s user')
    .option('--name <name>', 'a label for the key')
    .action(async (options: { user: string; name?: string }) => {
      await context.withCore(async (core) => {
        const user = await core.requireUser(options.user);
        const { key, id } = await core.issueApiKey(user.id, options.name);
        context.print()(`${key}\n(shown once: store it now)`, { key, id });
      });
    });
  return keys;
}
