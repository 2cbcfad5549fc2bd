// The second floor for bench/mcp-per-call.ts: the one statement adengine's get_credit_balance
// runs (the account row laterally joined to its newest ledger entries), run the plain way: with
// pg on DATABASE_URL (adengine's own tables, the first account), or with PGlite on a folder of
// its own holding the two tables, one account and one grant. No auth, no cache, no prepared names.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const statement = `select "account"."balance" as "account_balance", "account"."held" as "account_held", "entry".*
  from "credit_accounts" as "account"
  left join lateral (select * from "credit_ledger" where "credit_ledger"."user_id" = "account"."user_id"
    order by "credit_ledger"."id" desc limit $1) as "entry" on true
  where "account"."user_id" = $2 order by "entry"."id" desc`;

const embeddedSchema = `
  create table credit_accounts (user_id text primary key, balance bigint not null default 0,
    held bigint not null default 0, updated_at timestamptz not null default now());
  create table credit_ledger (id bigserial primary key, user_id text not null references credit_accounts,
    amount bigint not null, balance_after bigint not null, kind text not null, reason text,
    reservation_id text unique, idempotency_key text, created_at timestamptz not null default now());
  create index credit_ledger_user_time on credit_ledger (user_id, id);
  insert into credit_accounts (user_id, balance) values ('bench-user', 1000);
  insert into credit_ledger (user_id, amount, balance_after, kind, reason)
    values ('bench-user', 1000, 1000, 'grant', 'bench');`;

/** Returns `() => Promise<rows>`: one run of the statement for one user. */
export async function openStatementQuery(databaseUrl) {
  if (databaseUrl !== undefined) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: databaseUrl });
    const { rows } = await pool.query('select user_id from credit_accounts order by user_id limit 1');
    const userId = rows[0]?.user_id;
    if (userId === undefined)
      throw new Error('no credit account to read: start adengine on this database first');
    return async () => (await pool.query(statement, [10, userId])).rows;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(await mkdtemp(path.join(tmpdir(), 'bare-pglite-')));
  await db.exec(embeddedSchema);
  return async () => (await db.query(statement, [10, 'bench-user'])).rows;
}
