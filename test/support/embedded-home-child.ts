/**
 * Child process for test/integration/embedded-home.test.ts: opens a shared embedded folder and
 * adds 1 to `counter.n` `count` times (0: just holds the folder), printing `owner` or `client`
 * once open, then `done <n>` and waits to be killed or told to stop (stdin closes).
 * With `--on-go`, it loads everything, prints `ready` and opens only when stdin says `go`, so
 * several children can race for one folder within a millisecond or two.
 * Usage: node --import tsx embedded-home-child.ts <folder> <count> [--on-go]
 */
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';

const [folder, count, onGo] = process.argv.slice(2);
if (folder === undefined || count === undefined) {
  console.error('usage: embedded-home-child.ts <folder> <count>');
  process.exit(2);
}
if (onGo === '--on-go') {
  await import('../../src/db/embedded/home-dialect.js');
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
}
let owned = false;
const db = await openDatabase({ url: undefined, dataDir: folder, onOwned: () => (owned = true) });
process.stdout.write(`${owned ? 'owner' : 'client'}\n`);
for (let done = 0; done < Number(count); done++) {
  await sql`update counter set n = n + 1`.execute(db);
}
process.stdout.write(`done ${count}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void db.destroy().then(() => process.exit(0));
});
