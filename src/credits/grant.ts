import { type Kysely, sql } from 'kysely';
import type { LedgerEntry, Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import { assertCreditAmount } from './credit-amount.js';
import { isDatabaseError, uniqueViolation } from './database-errors.js';

export interface GrantInput {
  userId: string;
  amount: number;
  reason: string;
  /** The same key from the same user grants once. */
  idempotencyKey?: string;
}

/**
 * Adds credits: one statement raises the balance and appends the `grant` row. A repeated
 * key makes the insert hit the unique (user_id, idempotency_key), which aborts the whole
 * statement, balance increase included; the first grant is then returned.
 */
export async function grant(db: Kysely<Tables>, input: GrantInput, now: Date): Promise<LedgerEntry> {
  assertCreditAmount(input.amount, 'amount', { allowZero: false });
  const key = input.idempotencyKey ?? null;
  try {
    const result = await sql<LedgerEntry>`
      with account as (
        update credit_accounts
        set balance = balance + ${input.amount}, updated_at = ${now}
        where user_id = ${input.userId}
        returning user_id, balance
      )
      insert into credit_ledger (user_id, amount, balance_after, kind, reason, idempotency_key, created_at)
      select account.user_id, ${input.amount}, account.balance, 'grant', ${input.reason}, ${key}, ${now}
      from account
      returning *`.execute(db);
    const entry = result.rows[0];
    if (entry === undefined) throw new AppError('NOT_FOUND', `no credit account for user ${input.userId}`);
    return entry;
  } catch (error) {
    if (key === null || !isDatabaseError(error, uniqueViolation, 'credit_ledger_user_key')) throw error;
    return replay(db, input, key);
  }
}

async function replay(db: Kysely<Tables>, input: GrantInput, key: string): Promise<LedgerEntry> {
  const existing = await db
    .selectFrom('credit_ledger')
    .selectAll()
    .where('user_id', '=', input.userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  if (existing.kind !== 'grant' || existing.amount !== input.amount) {
    throw new AppError(
      'CONFLICT',
      `idempotency key ${key} was already used for a ${existing.kind} of ${existing.amount} credits, not a grant of ${input.amount}`,
      { details: { entryId: existing.id } },
    );
  }
  return existing;
}
