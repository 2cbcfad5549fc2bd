import type { AccountBalance } from '../credits/ledger.js';
import type { LedgerEntry } from '../db/tables.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

/** One ledger entry as every entry point shows it. */
export interface HistoryEntry {
  id: number;
  at: string;
  kind: LedgerEntry['kind'];
  amount: number;
  balanceAfter: number;
  reason: string | null;
}

function historyEntry(entry: LedgerEntry): HistoryEntry {
  return {
    id: Number(entry.id),
    at: new Date(entry.created_at).toISOString(),
    kind: entry.kind,
    amount: entry.amount,
    balanceAfter: entry.balance_after,
    reason: entry.reason,
  };
}

/** Balance, held and available credits, and the newest ledger entries. */
export async function readCredits(
  deps: Pick<CoreDeps, 'ledger'>,
  caller: Caller,
  options: { historyLimit: number },
): Promise<AccountBalance & { history: HistoryEntry[] }> {
  const { history, ...balance } = await deps.ledger.statement(caller.userId, options.historyLimit);
  return { ...balance, history: history.map(historyEntry) };
}

/** Adds credits (an operator's grant); a repeated idempotency key grants once. */
export async function grantCredits(
  deps: Pick<CoreDeps, 'ledger'>,
  caller: Caller,
  grant: { amount: number; reason: string; idempotencyKey?: string | undefined },
): Promise<{ granted: number; balance: number }> {
  const entry = await deps.ledger.grant({
    userId: caller.userId,
    amount: grant.amount,
    reason: grant.reason,
    ...(grant.idempotencyKey === undefined ? {} : { idempotencyKey: grant.idempotencyKey }),
  });
  return { granted: grant.amount, balance: entry.balance_after };
}
