/**
 * Credit ledger throughput on a real Postgres: reserve + capture pairs per second at 1 and
 * 32 concurrent callers, on one account (one hot row) and on 32 accounts, then an
 * overspend check. Usage (needs a server; a scratch database is created and dropped):
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/credit-ledger.ts
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { CreditLedger } from '../src/credits/ledger.js';
import { AppError } from '../src/errors/app-error.js';
import { verifyInvariants } from '../test/support/ledger-invariants.js';
import { insertUsers } from '../test/support/ledger-users.js';
import { createPostgresDatabase } from '../test/support/test-database.js';

const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (serverUrl === undefined) {
  console.error(
    'set TEST_DATABASE_URL (or DATABASE_URL) to a Postgres server, e.g. postgres://postgres@127.0.0.1:5432/test',
  );
  process.exit(2);
}
const secondsPerRun = Number(process.argv[2] ?? 5);

interface RunResult {
  callers: number;
  accounts: number;
  pairs: number;
  pairsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

async function fundedUsers(ledger: CreditLedger, count: number, credits: number): Promise<string[]> {
  const users = Array.from({ length: count }, () => randomUUID());
  await insertUsers(ledger.db, users);
  for (const userId of users) {
    await ledger.openAccount(userId);
    await ledger.grant({ userId, amount: credits, reason: 'bench' });
  }
  return users;
}

async function measure(
  ledger: CreditLedger,
  callers: number,
  accounts: number,
  seconds: number,
): Promise<RunResult> {
  const users = await fundedUsers(ledger, accounts, 1_000_000_000);
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      const userId = users[caller % accounts]!;
      while (performance.now() < deadline) {
        const begin = performance.now();
        const hold = await ledger.reserve({
          userId,
          amount: 3,
          idempotencyKey: randomUUID(),
          purpose: 'bench',
        });
        await ledger.capture({ reservationId: hold.id, amount: 2 });
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    callers,
    accounts,
    pairs: latencies.length,
    pairsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(latencies, 0.5).toFixed(2)),
    p99Ms: Number(percentile(latencies, 0.99).toFixed(2)),
  };
}

/** Two trivial queries per "pair": the round-trip floor on this machine, to read the ledger rows against. */
async function floor(ledger: CreditLedger, callers: number, seconds: number): Promise<number> {
  let pairs = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        await sql`select ${1}::int`.execute(ledger.db);
        await sql`select ${2}::int`.execute(ledger.db);
        pairs++;
      }
    }),
  );
  return Math.round(pairs / ((performance.now() - started) / 1000));
}

/** 32 callers race to spend 1,000 credits on one account: exactly 1,000 may be captured. */
async function overspend(
  ledger: CreditLedger,
): Promise<{ granted: number; captured: number; refused: number }> {
  const granted = 1000;
  const [userId] = await fundedUsers(ledger, 1, granted);
  let captured = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (;;) {
        try {
          const hold = await ledger.reserve({ userId: userId!, amount: 1, idempotencyKey: randomUUID() });
          await ledger.capture({ reservationId: hold.id, amount: 1 });
          captured++;
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'INSUFFICIENT_CREDITS') throw error;
          refused++;
          const { held } = await ledger.balance(userId!);
          if (held === 0) return;
        }
      }
    }),
  );
  const { balance } = await ledger.balance(userId!);
  if (balance !== granted - captured) throw new Error(`balance ${balance} ≠ ${granted} − ${captured}`);
  return { granted, captured, refused };
}

const database = await createPostgresDatabase(serverUrl, 40);
try {
  const ledger = new CreditLedger({ db: database.db, holdTtlSeconds: 600 });
  await measure(ledger, 8, 8, 1); // warm-up: pool connections, plans
  const results: RunResult[] = [];
  for (const [callers, accounts] of [
    [1, 1],
    [32, 1],
    [1, 32],
    [32, 32],
  ] as const) {
    results.push(await measure(ledger, callers, accounts, secondsPerRun));
  }
  const floorOne = await floor(ledger, 1, secondsPerRun);
  const floorMany = await floor(ledger, 32, secondsPerRun);
  const check = await overspend(ledger);
  const breaches = await verifyInvariants(database.db);
  const lowest = await database.db
    .selectFrom('credit_accounts')
    .select((eb) => eb.fn.min('balance').as('balance'))
    .executeTakeFirst();

  const lines = [
    `machine: ${os.cpus().length} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
    '',
    '| callers | accounts | pairs | pairs/s | p50 ms | p99 ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) => `| ${r.callers} | ${r.accounts} | ${r.pairs} | ${r.pairsPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`,
    ),
    '',
    `floor (2 × \`select 1\` per pair, same pool): ${floorOne} pairs/s at 1 caller, ${floorMany} at 32`,
    `overspend check: 32 callers on 1,000 credits captured ${check.captured}, refused ${check.refused}, ` +
      `overspend ${Math.max(0, check.captured - check.granted)}; lowest balance ${lowest?.balance}; invariant breaches ${breaches.length}`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  if (breaches.length > 0 || check.captured !== check.granted) process.exitCode = 1;
} finally {
  await database.close();
}
