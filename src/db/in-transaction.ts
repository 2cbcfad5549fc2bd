import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors/app-error.js';

/** Postgres rolls these back whole: serialization failure, deadlock. */
const rolledBackStates = new Set(['40001', '40P01']);
const attempts = 5;

/** True when a transaction failed and is known to have left nothing behind, so it may run again. */
export function nothingApplied(error: unknown): boolean {
  if (error instanceof AppError) return error.details?.applied === false;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && rolledBackStates.has(code);
}

/**
 * Runs `work` in one transaction, and again from the start when the transaction failed with
 * nothing applied: the embedded database's owner stopped before the commit (the next run reaches
 * the next owner), or Postgres chose it as a deadlock or serialization victim. `work` must do
 * nothing but database work on `trx`, so running it again is safe.
 */
export async function inTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= attempts || !nothingApplied(error)) throw error;
    }
  }
}
