import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { LedgerEntry, Tables } from '../db/tables.js';
import { AppError } from '../errors/app-error.js';
import type { AccountBalance } from './account-balance.js';

export interface AccountStatement extends AccountBalance {
  /** The newest ledger entries, newest first. */
  history: LedgerEntry[];
}

type StatementRow = LedgerEntry & { account_balance: number; account_held: number; id: number | null };

/** Compiled with this in the user's place, then run with the real id in that parameter. */
const userPlaceholder = 'user-placeholder';
const compiledByDb = new WeakMap<Kysely<Tables>, Map<number, { query: CompiledQuery; userAt: number }>>();

/**
 * The statement query, built and compiled once per database and history length: a balance read is
 * the most frequent call there is, and building the query was a tenth of its cost
 * (docs/benchmarks.md, MCP per-call overhead).
 */
function statementQuery(db: Kysely<Tables>, limit: number): { query: CompiledQuery; userAt: number } {
  let byLimit = compiledByDb.get(db);
  if (byLimit === undefined) {
    byLimit = new Map();
    compiledByDb.set(db, byLimit);
  }
  let compiled = byLimit.get(limit);
  if (compiled === undefined) {
    const query = db
      .selectFrom('credit_accounts as account')
      .leftJoinLateral(
        (query) =>
          query
            .selectFrom('credit_ledger')
            .selectAll()
            .whereRef('credit_ledger.user_id', '=', 'account.user_id')
            .orderBy('credit_ledger.id', 'desc')
            .limit(limit)
            .as('entry'),
        (join) => join.onTrue(),
      )
      .select(['account.balance as account_balance', 'account.held as account_held'])
      .selectAll('entry')
      .where('account.user_id', '=', userPlaceholder)
      .orderBy('entry.id', 'desc')
      .compile();
    compiled = { query, userAt: query.parameters.indexOf(userPlaceholder) };
    byLimit.set(limit, compiled);
  }
  return compiled;
}

/**
 * The balance and the newest ledger entries in one query (one snapshot, one round trip):
 * the account row, laterally joined to its last `limit` entries.
 */
export async function accountStatement(
  db: Kysely<Tables>,
  userId: string,
  limit: number,
): Promise<AccountStatement> {
  const { query, userAt } = statementQuery(db, Math.max(0, Math.min(limit, 1000)));
  const parameters = query.parameters.map((value, index) => (index === userAt ? userId : value));
  const { rows } = (await db.executeQuery({ ...query, parameters })) as QueryResult<StatementRow>;
  const first = rows[0];
  if (first === undefined) throw new AppError('NOT_FOUND', `no credit account for user ${userId}`);
  const history: LedgerEntry[] = [];
  for (const { account_balance: _balance, account_held: _held, ...entry } of rows) {
    if (entry.id !== null) history.push(entry as LedgerEntry);
  }
  return {
    balance: first.account_balance,
    held: first.account_held,
    available: first.account_balance - first.account_held,
    history,
  };
}
