import { type Kysely, sql } from 'kysely';

// What `adengine models sync` learnt from the providers' own APIs, one row per catalogue model, so
// every process (serve, stdio, CLI) routes by the same lifecycle.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('model_lifecycle')
    .addColumn('model_id', 'text', (column) => column.primaryKey())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('active', 'legacy', 'deprecated', 'retired')`),
    )
    .addColumn('end_of_life', 'text')
    .addColumn('successor', 'text')
    .addColumn('source', 'text', (column) => column.notNull())
    .addColumn('synced_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('model_lifecycle').execute();
}
