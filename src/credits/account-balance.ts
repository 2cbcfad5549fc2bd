import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';

export interface AccountBalance {
  /** Credits owned: the sum of the ledger. */
  balance: number;
  /** Credits promised to open reservations. */
  held: number;
  /** What a new reservation may take: balance − held. */
  available: number;
}

export async function accountBalance(db: Kysely<Tables>, userId: string): Promise<AccountBalance> {
  const row = await db
    .selectFrom('credit_accounts')
    .select(['balance', 'held'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (row === undefined) throw new AppError('NOT_FOUND', `no credit account for user ${userId}`);
  return { balance: row.balance, held: row.held, available: row.balance - row.held };
}
