import type { Kysely } from 'kysely';

// An asset a paid call stored stays hidden (pending_call names the call) until the call's
// capture commits; the same transaction makes it visible. A call that fails or dies leaves
// only hidden rows, which the sweeper deletes with their objects.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assets').addColumn('pending_call', 'text').execute();
  await db.schema.createIndex('assets_pending_call').on('assets').column('pending_call').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assets_pending_call').execute();
  await db.schema.alterTable('assets').dropColumn('pending_call').execute();
}
