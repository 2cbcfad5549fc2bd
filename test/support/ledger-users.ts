import type { Kysely } from 'kysely';
import type { Tables } from '../../src/db/tables.js';

/** Inserts bare users straight into `users` (the user repository is not the ledger's concern). */
export async function insertUsers(db: Kysely<Tables>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto('users')
    .values(ids.map((id) => ({ id, email: `${id}@example.test`, name: null })))
    .execute();
}
