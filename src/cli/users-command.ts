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
  users
    .command('list')
    .description('list users (id, email, name, created)')
    .action(async () => {
      await context.withCore(async (core) => {
        const rows = (await core.listUsers()).map((user) => ({
          id: user.id,
          email: user.email,
          name: user.name,
          isLocal: user.is_local,
          createdAt: new Date(user.created_at).toISOString(),
        }));
        const human = rows.map((row) => `${row.id}  ${row.email}  ${row.name ?? ''}  ${row.createdAt}`);
        context.print()(human.length === 0 ? 'no users' : human.join('\n'), rows);
      });
    });
  return users;
}
