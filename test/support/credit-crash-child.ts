/**
 * Child process for test/integration/credit-crash.test.ts: reserves credits, reports the
 * reservation on stdout, then waits to be SIGKILLed before it ever captures.
 * Usage: node --import tsx credit-crash-child.ts <postgres-url | pglite-folder> <userId> <amount> <ttlSeconds>
 */
import { CreditLedger } from '../../src/credits/ledger.js';
import { openDatabase } from '../../src/db/database.js';

const [target, userId, amount, ttlSeconds] = process.argv.slice(2);
if (target === undefined || userId === undefined || amount === undefined || ttlSeconds === undefined) {
  console.error('usage: credit-crash-child.ts <postgres-url | pglite-folder> <userId> <amount> <ttlSeconds>');
  process.exit(2);
}
const isUrl = target.startsWith('postgres://') || target.startsWith('postgresql://');
const db = await openDatabase({ url: isUrl ? target : undefined, dataDir: target });
const ledger = new CreditLedger({ db, holdTtlSeconds: Number(ttlSeconds) });
const reservation = await ledger.reserve({
  userId,
  amount: Number(amount),
  idempotencyKey: 'crash-call',
  purpose: 'generate_video',
});
process.stdout.write(`${JSON.stringify({ reservationId: reservation.id })}\n`);
// The provider call would run here; the parent kills this process first.
setInterval(() => {}, 60_000);
