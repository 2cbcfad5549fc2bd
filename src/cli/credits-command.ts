import { Command } from 'commander';
import { plainCaller } from '../core/caller.js';
import { AppError } from '../errors/app-error.js';
import type { CliContext } from './cli-context.js';

function positiveCredits(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) {
    throw new AppError(
      'INVALID_INPUT',
      `--amount must be a positive whole number of credits, got "${value}"`,
    );
  }
  return Number(value);
}

function limit(value: string): number {
  if (!/^[1-9][0-9]{0,3}$/.test(value))
    throw new AppError('INVALID_INPUT', `--limit must be 1 to 9999, got "${value}"`);
  return Number(value);
}

export function createCreditsCommand(context: CliContext): Command {
  const credits = new Command('credits').description('grant credits and read balances');
  credits
    .command('grant')
    .description('add credits to a user')
    .requiredOption('--user <email>', 'the user')
    .requiredOption('--amount <n>', 'credits to add', positiveCredits)
    .option('--reason <reason>', 'why', 'manual grant')
    .option('--idempotency-key <key>', 'grant once even if repeated')
    .action(async (options: { user: string; amount: number; reason: string; idempotencyKey?: string }) => {
      await context.withCore(async (core) => {
        const user = await core.requireUser(options.user);
        const granted = await core.grantCredits(plainCaller(user.id), options);
        context.print()(
          `granted ${granted.granted} credits to ${user.email}; balance ${granted.balance}`,
          granted,
        );
      });
    });
  credits
    .command('balance')
    .description('a user’s balance')
    .requiredOption('--user <email>', 'the user')
    .action(async (options: { user: string }) => {
      await context.withCore(async (core) => {
        const user = await core.requireUser(options.user);
        const { history: _history, ...balance } = await core.readCredits(plainCaller(user.id), {
          historyLimit: 0,
        });
        context.print()(
          `${balance.balance} credits (${balance.held} held, ${balance.available} available)`,
          balance,
        );
      });
    });
  credits
    .command('history')
    .description('ledger entries, newest first')
    .requiredOption('--user <email>', 'the user')
    .option('--limit <n>', 'how many', limit, 50)
    .action(async (options: { user: string; limit: number }) => {
      await context.withCore(async (core) => {
        const user = await core.requireUser(options.user);
        const { history } = await core.readCredits(plainCaller(user.id), { historyLimit: options.limit });
        const human =
          history.length === 0
            ? 'no entries'
            : history
                .map(
                  (row) =>
                    `${row.at}  ${row.kind.padEnd(10)} ${String(row.amount).padStart(8)}  → ${row.balanceAfter}  ${row.reason ?? ''}`,
                )
                .join('\n');
        context.print()(human, history);
      });
    });
  return credits;
}
