import { type Kysely, sql } from 'kysely';

// Migrations never import from src/: they describe the schema as it was on their date.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('email', 'text', (column) => column.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('is_local', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key_hash', 'text', (column) => column.notNull().unique())
    .addColumn('prefix', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('model_preferences')
    .addColumn('user_id', 'text', (column) => column.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('chat_model', 'text')
    .addColumn('image_model', 'text')
    .addColumn('video_model', 'text')
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  // The database itself refuses a negative balance or holds beyond it.
  await db.schema
    .createTable('credit_accounts')
    .addColumn('user_id', 'text', (column) => column.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('balance', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('held', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('credit_accounts_balance_non_negative', sql`balance >= 0`)
    .addCheckConstraint('credit_accounts_held_within_balance', sql`held >= 0 and held <= balance`)
    .execute();

  await db.schema
    .createTable('credit_reservations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) =>
      column.notNull().references('credit_accounts.user_id').onDelete('cascade'),
    )
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    .addColumn('purpose', 'text')
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('open'))
    .addColumn('captured_amount', 'bigint')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addUniqueConstraint('credit_reservations_user_key', ['user_id', 'idempotency_key'])
    .addCheckConstraint('credit_reservations_amount_positive', sql`amount > 0`)
    .addCheckConstraint(
      'credit_reservations_status',
      sql`status in ('open', 'captured', 'released', 'expired')`,
    )
    .addCheckConstraint(
      'credit_reservations_capture_within_hold',
      sql`captured_amount is null or (captured_amount >= 0 and captured_amount <= amount)`,
    )
    .execute();
  await db.schema
    .createIndex('credit_reservations_open_expiry')
    .on('credit_reservations')
    .columns(['expires_at'])
    .where(sql.ref('status'), '=', 'open')
    .execute();

  await db.schema
    .createTable('credit_ledger')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) =>
      column.notNull().references('credit_accounts.user_id').onDelete('cascade'),
    )
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addColumn('balance_after', 'bigint', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('reason', 'text')
    .addColumn('reservation_id', 'text', (column) => column.unique().references('credit_reservations.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('credit_ledger_kind', sql`kind in ('grant', 'capture', 'refund', 'adjustment')`)
    .addUniqueConstraint('credit_ledger_user_key', ['user_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('credit_ledger_user_time')
    .on('credit_ledger')
    .columns(['user_id', 'id'])
    .execute();
  // Append-only: history is corrected by new rows, never rewritten.
  await sql`
    create function credit_ledger_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'credit_ledger is append-only';
    end $$`.execute(db);
  await sql`
    create trigger credit_ledger_no_rewrite before update or delete on credit_ledger
    for each row execute function credit_ledger_append_only()`.execute(db);

  await db.schema
    .createTable('generation_jobs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('queued'))
    .addColumn('progress', 'real', (column) => column.notNull().defaultTo(0))
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('model_id', 'text', (column) => column.notNull())
    .addColumn('input', 'jsonb', (column) => column.notNull())
    .addColumn('operation', 'jsonb')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('reservation_id', 'text', (column) => column.references('credit_reservations.id'))
    .addColumn('credits_charged', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addCheckConstraint(
      'generation_jobs_status',
      sql`status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`,
    )
    .execute();
  await db.schema
    .createIndex('generation_jobs_user_time')
    .on('generation_jobs')
    .columns(['user_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('generation_jobs_active')
    .on('generation_jobs')
    .columns(['next_poll_at'])
    .where(sql.ref('status'), 'in', sql`('queued', 'running')`)
    .execute();

  await db.schema
    .createTable('assets')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('storage_key', 'text', (column) => column.notNull().unique())
    .addColumn('mime_type', 'text', (column) => column.notNull())
    .addColumn('bytes', 'bigint', (column) => column.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_seconds', 'real')
    .addColumn('provider', 'text')
    .addColumn('model_id', 'text')
    .addColumn('prompt', 'text')
    .addColumn('metadata', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('job_id', 'text', (column) => column.references('generation_jobs.id'))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('assets_kind', sql`kind in ('image', 'video', 'text', 'upload')`)
    .execute();
  await db.schema
    .createIndex('assets_user_time')
    .on('assets')
    .columns(['user_id', 'created_at', 'id'])
    .execute();

  // The first answer of an idempotent tool call, replayed for a repeated key.
  await db.schema
    .createTable('tool_calls')
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    .addColumn('tool', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('tool_calls_pk', ['user_id', 'idempotency_key'])
    .addCheckConstraint('tool_calls_status', sql`status in ('running', 'succeeded', 'failed')`)
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('conversations_user_time')
    .on('conversations')
    .columns(['user_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('conversation_id', 'text', (column) =>
      column.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('content', 'jsonb', (column) => column.notNull())
    .addColumn('provider', 'text')
    .addColumn('model_id', 'text')
    .addColumn('input_tokens', 'integer')
    .addColumn('output_tokens', 'integer')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('messages_role', sql`role in ('user', 'assistant', 'tool', 'system')`)
    .execute();
  await db.schema
    .createIndex('messages_conversation')
    .on('messages')
    .columns(['conversation_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'messages',
    'conversations',
    'tool_calls',
    'assets',
    'generation_jobs',
    'credit_ledger',
    'credit_reservations',
    'credit_accounts',
    'model_preferences',
    'api_keys',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop function if exists credit_ledger_append_only()`.execute(db);
}
