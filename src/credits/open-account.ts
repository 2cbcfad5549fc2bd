import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import { foreignKeyViolation, isDatabaseError } from './database-errors.js';

/**
 * Creates the user's credit account with a zero balance; a second call changes nothing.
 * `executor` may be a transaction, so user creation can open the account atomically.
 */
export async function openAccount(executor: Kysely<Tables>, userId: string, now: Date): Promise<void> {
  try {
    await sql`
      insert into credit_accounts (user_id, balance, held, updated_at)
      values (${userId}, 0, 0, ${now})
      on conflict (user_id) do nothing`.execute(executor);
  } catch (error) {
    if (isDatabaseError(error, foreignKeyViolation)) {
      throw new AppError('NOT_FOUND', `no user ${userId}`, { cause: error });
    }
    throw error;
  }
}
