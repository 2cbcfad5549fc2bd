import type { Kysely } from 'kysely';
import type { LedgerEntry, Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import type { AccountBalance } from './account-balance.js';

export interface AccountStatement extends AccountBalance {
  /** The newest ledger entries, newest first. */
  history: LedgerEntry[];
}

/**
 * The balance and the newest ledger entries in one query (one snapshot, one round trip):
 * the account row, laterally joined to its last `limit` entries.
 */
export async function accountStatement(
  db: Kysely<Tables>,
  userId: string,
  limit: number,
): Promise<AccountStatement> {
  const rows = await db
    .selectFrom('credit_accounts as account')
    .leftJoinLateral(
      (query) =>
        query
          .selectFrom('credit_ledger')
          .selectAll()
          .whereRef('credit_ledger.user_id', '=', 'account.user_id')
          .orderBy('credit_ledger.id', 'desc')
          .limit(Math.max(0, Math.min(limit, 1000)))
          .as('entry'),
      (join) => join.onTrue(),
    )
    .select(['account.balance as account_balance', 'account.held as account_held'])
    .selectAll('entry')
    .where('account.user_id', '=', userId)
    .orderBy('entry.id', 'desc')
    .execute();
  const first = rows[0];
  if (first === undefined) throw new AppError('NOT_FOUND', `no credit account for user ${userId}`);
  const history: LedgerEntry[] = [];
  for (const { account_balance: _balance, account_held: _held, ...entry } of rows) {
    if (entry.id !== null) history.push(entry as LedgerEntry);
  }
  return {
    balance: first.account_balance,
    held: first.account_held,
    available: first.account_balance - first.account_held,
    history,
  };
}
