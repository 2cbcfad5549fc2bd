import { type Kysely, sql } from 'kysely';
import type { LedgerEntry, Reservation, Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import { assertCreditAmount } from './credit-amount.js';

export interface CaptureInput {
  reservationId: string;
  /** What the call really cost: 0 ≤ amount ≤ reserved. */
  amount: number;
}

/**
 * Settles an open hold: the reservation becomes `captured`, the balance drops by `amount`,
 * the whole hold is freed and one `capture` ledger row (amount −captured) records it.
 * A zero capture writes a zero row too, so every settled call is in the history and a
 * retried capture always has the same entry to return.
 * `status = 'open'` in the first UPDATE is the arbiter: of a capture, a release and a
 * sweep racing on one reservation, only the first to lock the row changes anything.
 */
export async function capture(db: Kysely<Tables>, input: CaptureInput, now: Date): Promise<LedgerEntry> {
  assertCreditAmount(input.amount, 'amount', { allowZero: true });
  const result = await sql<LedgerEntry>`
    with settled as (
      update credit_reservations
      set status = 'captured', captured_amount = ${input.amount}, settled_at = ${now}
      where id = ${input.reservationId} and status = 'open' and amount >= ${input.amount}
      returning id, user_id, amount, captured_amount, purpose
    ), account as (
      update credit_accounts
      set balance = credit_accounts.balance - settled.captured_amount,
          held = credit_accounts.held - settled.amount,
          updated_at = ${now}
      from settled
      where credit_accounts.user_id = settled.user_id
      returning credit_accounts.user_id, credit_accounts.balance
    )
    insert into credit_ledger (user_id, amount, balance_after, kind, reason, reservation_id, created_at)
    select account.user_id, -settled.captured_amount, account.balance, 'capture', settled.purpose, settled.id, ${now}
    from settled join account on account.user_id = settled.user_id
    returning *`.execute(db);
  const entry = result.rows[0];
  if (entry !== undefined) return entry;
  return explainNoCapture(db, input);
}

/** Nothing was captured: a retry gets its first entry back; anything else is refused by name. */
async function explainNoCapture(db: Kysely<Tables>, input: CaptureInput): Promise<LedgerEntry> {
  const reservation = await findReservation(db, input.reservationId);
  switch (reservation.status) {
    case 'open':
      throw new AppError(
        'INVALID_INPUT',
        `cannot capture ${input.amount} credits from reservation ${reservation.id}: it holds only ${reservation.amount}`,
        { details: { reserved: reservation.amount, requested: input.amount } },
      );
    case 'captured': {
      if (reservation.captured_amount !== input.amount) {
        throw new AppError(
          'CONFLICT',
          `reservation ${reservation.id} was already captured for ${reservation.captured_amount} credits, not ${input.amount}`,
          { details: { captured: reservation.captured_amount, requested: input.amount } },
        );
      }
      const entry = await db
        .selectFrom('credit_ledger')
        .selectAll()
        .where('reservation_id', '=', reservation.id)
        .executeTakeFirst();
      if (entry === undefined)
        throw new AppError('INTERNAL', `captured reservation ${reservation.id} has no ledger entry`);
      return entry;
    }
    case 'released':
    case 'expired':
      throw new AppError(
        'CONFLICT',
        `reservation ${reservation.id} was ${reservation.status} before capture; its credits are no longer held, so it cannot be charged`,
        { details: { status: reservation.status } },
      );
  }
}

export async function findReservation(db: Kysely<Tables>, reservationId: string): Promise<Reservation> {
  const reservation = await db
    .selectFrom('credit_reservations')
    .selectAll()
    .where('id', '=', reservationId)
    .executeTakeFirst();
  if (reservation === undefined) throw new AppError('NOT_FOUND', `no reservation ${reservationId}`);
  return reservation;
}
