import type { Kysely } from 'kysely';
import type { LedgerEntry, Tables } from '../db/tables.js';

export interface HistoryOptions {
  limit: number;
  /** Entry id to page from: only older entries (smaller ids) are returned. */
  before?: number;
}

/** Ledger entries, newest first. Ids grow with time, so they double as the page cursor. */
export async function ledgerHistory(
  db: Kysely<Tables>,
  userId: string,
  options: HistoryOptions,
): Promise<LedgerEntry[]> {
  let query = db.selectFrom('credit_ledger').selectAll().where('user_id', '=', userId);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  return query
    .orderBy('id', 'desc')
    .limit(Math.max(0, Math.min(options.limit, 1000)))
    .execute();
}
