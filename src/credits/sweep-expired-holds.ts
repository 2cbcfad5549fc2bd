import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.js';
import { deadlockDetected, isDatabaseError } from './database-errors.js';

/** Reservations settled per statement: keeps each statement's locks short. */
const batchSize = 500;

/**
 * Marks every open hold whose expires_at ≤ now as `expired` and frees its credits.
 * Holds a capture or release is working on are skipped (SKIP LOCKED) and re-checked for
 * `status = 'open'` under lock, so a race with capture has exactly one winner.
 * Returns how many holds expired.
 */
export async function sweepExpiredHolds(db: Kysely<Tables>, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const swept = await sweepBatch(db, now);
    total += swept;
    if (swept < batchSize) return total;
  }
}

async function sweepBatch(db: Kysely<Tables>, now: Date): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await sql<{ swept: number }>`
        with due as (
          select id from credit_reservations
          where status = 'open' and expires_at <= ${now}
          order by id
          limit ${batchSize}
          for update skip locked
        ), settled as (
          update credit_reservations
          set status = 'expired', settled_at = ${now}
          from due
          where credit_reservations.id = due.id and credit_reservations.status = 'open'
          returning credit_reservations.user_id, credit_reservations.amount
        ), per_account as (
          select user_id, sum(amount) as amount, count(*) as holds from settled group by user_id
        ), account as (
          update credit_accounts
          set held = credit_accounts.held - per_account.amount, updated_at = ${now}
          from per_account
          where credit_accounts.user_id = per_account.user_id
          returning credit_accounts.user_id
        )
        select coalesce(sum(per_account.holds), 0)::int as swept
        from per_account join account on account.user_id = per_account.user_id`.execute(db);
      return result.rows[0]?.swept ?? 0;
    } catch (error) {
      // Two sweepers may lock the same accounts in different orders; one of them simply retries.
      if (isDatabaseError(error, deadlockDetected) && attempt < 5) continue;
      throw error;
    }
  }
}
