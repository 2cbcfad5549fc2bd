import { Command } from 'commander';
import { AppError } from '../errors/app-error.js';
import type { CliContext } from './cli-context.js';

function parseCredits(value: string): number {
  if (!/^[0-9]{1,9}$/.test(value))
    throw new AppError('INVALID_INPUT', `--credits must be a whole number, got "${value}"`);
  return Number(value);
}

export function createUsersCommand(context: CliContext): Command {
  const users = new Command('users').description('manage users');
  users
    .command('create')
    .description('create a user')
    .requiredOption('--email <email>', 'the user’s email')
    .option('--name <name>', 'display name')
    .option('--credits <n>', 'credits to grant on creation', parseCredits)
    .action(async (options: { email: string; name?: string; credits?: number }) => {
      await context.withCore(async (core) => {
        const user = await core.createUser(options);
        context.print()(`created user ${user.email} (${user.id})`, { id: user.id, email: user.email });
      });
    });
  return users;
}
