import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../src/db/tables.js';

interface AccountTotals {
  userId: string;
  balance: number;
  held: number;
  ledgerSum: number;
  openHolds: number;
  lastBalanceAfter: number;
}

/**
 * Every ledger invariant, checked from the tables. Returns one sentence per breach, so
 * `expect(await verifyInvariants(db)).toEqual([])` shows the numbers when it fails:
 * - balance = sum(ledger) = the last row's balance_after, and balance ≥ 0;
 * - held = sum(open reservations) ≤ balance;
 * - a reservation has a ledger row iff it is captured, for −captured_amount.
 */
export async function verifyInvariants(
  db: Kysely<Tables>,
  options: { userIds?: readonly string[] } = {},
): Promise<string[]> {
  const breaches: string[] = [];
  // Scoping to some users keeps one broken property run from failing every later one.
  const ids = options.userIds === undefined ? undefined : ['', ...options.userIds];
  const scope = ids === undefined ? sql`true` : sql`a.user_id in (${sql.join(ids)})`;
  const reservationScope = ids === undefined ? sql`true` : sql`r.user_id in (${sql.join(ids)})`;
  const accounts = await sql<AccountTotals>`
    select a.user_id as "userId", a.balance, a.held,
      coalesce((select sum(l.amount) from credit_ledger l where l.user_id = a.user_id), 0) as "ledgerSum",
      coalesce((select sum(r.amount) from credit_reservations r
                where r.user_id = a.user_id and r.status = 'open'), 0) as "openHolds",
      coalesce((select l.balance_after from credit_ledger l where l.user_id = a.user_id
                order by l.id desc limit 1), 0) as "lastBalanceAfter"
    from credit_accounts a where ${scope}`.execute(db);
  for (const row of accounts.rows) {
    const who = `account ${row.userId}`;
    if (row.balance !== row.ledgerSum)
      breaches.push(`${who}: balance ${row.balance} ≠ ledger sum ${row.ledgerSum}`);
    if (row.balance !== row.lastBalanceAfter) {
      breaches.push(`${who}: balance ${row.balance} ≠ last balance_after ${row.lastBalanceAfter}`);
    }
    if (row.balance < 0) breaches.push(`${who}: balance ${row.balance} < 0`);
    if (row.held !== row.openHolds) breaches.push(`${who}: held ${row.held} ≠ open holds ${row.openHolds}`);
    if (row.held > row.balance) breaches.push(`${who}: held ${row.held} > balance ${row.balance}`);
  }
  const settlements = await sql<{
    id: string;
    status: string;
    captured: number | null;
    charged: number | null;
  }>`
    select r.id, r.status, r.captured_amount as captured, l.amount as charged
    from credit_reservations r left join credit_ledger l on l.reservation_id = r.id
    where ${reservationScope} and ((r.status = 'captured') is distinct from (l.id is not null)
       or (r.status = 'captured' and l.amount <> -r.captured_amount))`.execute(db);
  for (const row of settlements.rows) {
    breaches.push(
      `reservation ${row.id} (${row.status}, captured ${row.captured}) has ledger amount ${row.charged}`,
    );
  }
  return breaches;
}
