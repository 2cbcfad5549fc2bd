import { type Kysely, sql } from 'kysely';
import type { Reservation, Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import { findReservation } from './capture.js';

/**
 * Frees an open hold without charging: `held` drops, the balance does not, so no ledger
 * row is written (the ledger records only what changes the balance; holds live in
 * credit_reservations). Releasing twice returns the settled reservation; releasing a
 * captured one is refused, as capturing a released one is.
 */
export async function release(db: Kysely<Tables>, reservationId: string, now: Date): Promise<Reservation> {
  const result = await sql<Reservation>`
    with settled as (
      update credit_reservations
      set status = 'released', settled_at = ${now}
      where id = ${reservationId} and status = 'open'
      returning *
    ), account as (
      update credit_accounts
      set held = credit_accounts.held - settled.amount, updated_at = ${now}
      from settled
      where credit_accounts.user_id = settled.user_id
      returning credit_accounts.user_id
    )
    select settled.* from settled join account on account.user_id = settled.user_id`.execute(db);
  const released = result.rows[0];
  if (released !== undefined) return released;
  const reservation = await findReservation(db, reservationId);
  if (reservation.status === 'captured') {
    throw new AppError(
      'CONFLICT',
      `reservation ${reservationId} was already captured for ${reservation.captured_amount} credits; it cannot be released`,
      { details: { status: reservation.status } },
    );
  }
  return reservation;
}
