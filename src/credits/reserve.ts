import { type Kysely, sql } from 'kysely';
import type { Reservation, Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import { accountBalance } from './account-balance.js';
import { assertCreditAmount } from './credit-amount.js';
import { checkViolation, foreignKeyViolation, isDatabaseError } from './database-errors.js';

export interface ReserveInput {
  userId: string;
  amount: number;
  idempotencyKey: string;
  purpose?: string;
  /** Defaults to the ledger's hold TTL. */
  ttlSeconds?: number;
}

export interface ReserveContext {
  now: () => Date;
  newId: () => string;
  holdTtlSeconds: number;
}

/** A refusal can race a release; after this many fresh tries the refusal stands. */
const maxAttempts = 3;

/**
 * Holds `amount` credits. One statement inserts the reservation and raises `held`; the
 * CHECK `held <= balance` refuses overspend under any concurrency, and the unique
 * (user_id, idempotency_key) makes a repeated key hold once: ON CONFLICT waits for the
 * first insert to commit or fail, so the loser replays the winner's row.
 */
export async function reserve(
  db: Kysely<Tables>,
  input: ReserveInput,
  context: ReserveContext,
): Promise<Reservation> {
  assertCreditAmount(input.amount, 'amount', { allowZero: false });
  const ttlSeconds = input.ttlSeconds ?? context.holdTtlSeconds;
  if (!(ttlSeconds > 0)) throw new AppError('INVALID_INPUT', `ttlSeconds must be > 0, got ${ttlSeconds}`);
  if (input.idempotencyKey.length === 0)
    throw new AppError('INVALID_INPUT', 'idempotencyKey must not be empty');

  for (let attempt = 1; ; attempt++) {
    const now = context.now();
    try {
      const inserted = await insertHold(db, input, context.newId(), now, ttlSeconds);
      if (inserted !== undefined) return inserted;
    } catch (error) {
      if (isDatabaseError(error, checkViolation, 'credit_accounts_held_within_balance')) {
        const { available } = await accountBalance(db, input.userId);
        if (available >= input.amount && attempt < maxAttempts) continue;
        // Only a refusal that keeps racing releases lands here with enough credits: say what refused it.
        const reported = Math.min(available, input.amount - 1);
        throw new AppError(
          'INSUFFICIENT_CREDITS',
          `this call costs ${input.amount} credits, balance is ${reported}`,
          {
            cause: error,
            details: { required: input.amount, available: reported },
          },
        );
      }
      if (isDatabaseError(error, foreignKeyViolation)) {
        throw new AppError('NOT_FOUND', `no credit account for user ${input.userId}`, { cause: error });
      }
      throw error;
    }
    const existing = await db
      .selectFrom('credit_reservations')
      .selectAll()
      .where('user_id', '=', input.userId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (existing !== undefined) return replay(existing, input);
    // The conflicting row vanished (its account was deleted): try once more from scratch.
    if (attempt >= maxAttempts) throw new AppError('NOT_FOUND', `no credit account for user ${input.userId}`);
  }
}

async function insertHold(
  db: Kysely<Tables>,
  input: ReserveInput,
  id: string,
  now: Date,
  ttlSeconds: number,
): Promise<Reservation | undefined> {
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const result = await sql<Reservation>`
    with ins as (
      insert into credit_reservations
        (id, user_id, amount, idempotency_key, purpose, status, created_at, expires_at)
      values
        (${id}, ${input.userId}, ${input.amount}, ${input.idempotencyKey}, ${input.purpose ?? null},
         'open', ${now}, ${expiresAt})
      on conflict (user_id, idempotency_key) do nothing
      returning *
    ), hold as (
      update credit_accounts
      set held = credit_accounts.held + ins.amount, updated_at = ${now}
      from ins
      where credit_accounts.user_id = ins.user_id
      returning credit_accounts.user_id
    )
    select ins.* from ins join hold on hold.user_id = ins.user_id`.execute(db);
  return result.rows[0];
}

/** The same key is the same call: it gets the first reservation back, whatever became of it. */
function replay(existing: Reservation, input: ReserveInput): Reservation {
  if (existing.amount !== input.amount) {
    throw new AppError(
      'CONFLICT',
      `idempotency key ${input.idempotencyKey} was already used to reserve ${existing.amount} credits, not ${input.amount}`,
      { details: { reservationId: existing.id, reserved: existing.amount, requested: input.amount } },
    );
  }
  return existing;
}
