import { Command } from 'commander';
import { requireUserByEmail } from '../db/repositories/users.js';
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
      await context.withServices(async ({ db, ledger }) => {
        const user = await requireUserByEmail(db, options.user);
        const entry = await ledger.grant({
          userId: user.id,
          amount: options.amount,
          reason: options.reason,
          ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        });
        context.print()(
          `granted ${options.amount} credits to ${user.email}; balance ${entry.balance_after}`,
          {
            granted: options.amount,
            balance: entry.balance_after,
          },
        );
      });
    });
  credits
    .command('balance')
    .description('a user’s balance')
    .requiredOption('--user <email>', 'the user')
    .action(async (options: { user: string }) => {
      await context.withServices(async ({ db, ledger }) => {
        const user = await requireUserByEmail(db, options.user);
        const balance = await ledger.balance(user.id);
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
      await context.withServices(async ({ db, ledger }) => {
        const user = await requireUserByEmail(db, options.user);
        const entries = await ledger.history(user.id, { limit: options.limit });
        const rows = entries.map((entry) => ({
          id: entry.id,
          at: new Date(entry.created_at).toISOString(),
          kind: entry.kind,
          amount: entry.amount,
          balanceAfter: entry.balance_after,
          reason: entry.reason,
        }));
        const human =
          rows.length === 0
            ? 'no entries'
            : rows
                .map(
                  (row) =>
                    `${row.at}  ${row.kind.padEnd(10)} ${String(row.amount).padStart(8)}  → ${row.balanceAfter}  ${row.reason ?? ''}`,
                )
                .join('\n');
        context.print()(human, rows);
      });
    });
  return credits;
}
