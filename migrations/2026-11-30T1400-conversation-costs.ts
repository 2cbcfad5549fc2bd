import type { Kysely } from 'kysely';

// What each stored chat message cost, and the turn it belongs to (a tool call and its result
// share one), so a history can be trimmed whole turns at a time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('credits', 'integer')
    .addColumn('turn_id', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('turn_id').dropColumn('credits').execute();
}
