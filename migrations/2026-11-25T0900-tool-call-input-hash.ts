import type { Kysely } from 'kysely';

// A repeated idempotency key must come with the same arguments; the hash lets us tell.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tool_calls').addColumn('input_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tool_calls').dropColumn('input_hash').execute();
}
