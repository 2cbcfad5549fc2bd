/**
 * The embedded database shared by the processes of one home: query latency in the owner and
 * through its socket, and the pause a client sees when the owner is SIGKILLed (until its next
 * query is answered, by itself as the new owner).
 *   node --import tsx bench/shared-home.ts [takeovers]
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/database.js';

const here = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  // The owner: opens the folder, says so, and waits to be killed.
  await openDatabase({ url: undefined, dataDir: process.argv[3] as string });
  process.stdout.write('open\n');
  setInterval(() => {}, 60_000);
} else {
  const takeovers = Number(process.argv[2] ?? 5);
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const timeEach = async (count: number, work: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let n = 0; n < count; n++) {
      const started = performance.now();
      await work();
      samples.push(performance.now() - started);
    }
    return Number(median(samples).toFixed(3));
  };
  const pointSelect = (db: Database) => sql`select n from counter where id = 1`.execute(db);
  const increment = (db: Database) => sql`update counter set n = n + 1 where id = 1`.execute(db);

  const template = await mkdtemp(path.join(tmpdir(), 'adengine-bench-home-'));
  const owner = await openDatabase({ url: undefined, dataDir: template });
  await sql`create table counter (id int primary key, n int not null)`.execute(owner);
  await sql`insert into counter values (1, 0)`.execute(owner);
  const client = await openDatabase({ url: undefined, dataDir: template });
  await timeEach(200, () => pointSelect(client));
  const latency = {
    ownerSelectMs: await timeEach(2000, () => pointSelect(owner)),
    clientSelectMs: await timeEach(2000, () => pointSelect(client)),
    ownerUpdateMs: await timeEach(1000, () => increment(owner)),
    clientUpdateMs: await timeEach(1000, () => increment(client)),
  };
  await client.destroy();
  await owner.destroy();

  const pauses: number[] = [];
  for (let run = 0; run < takeovers; run++) {
    const folder = await mkdtemp(path.join(tmpdir(), 'adengine-bench-home-'));
    await cp(template, folder, { recursive: true });
    const child = spawn(process.execPath, ['--import', 'tsx', here, '--child', folder], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => child.stdout.once('data', resolve));
    const db = await openDatabase({ url: undefined, dataDir: folder });
    await increment(db);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const started = performance.now();
    await increment(db);
    pauses.push(performance.now() - started);
    await db.destroy();
    await rm(folder, { recursive: true, force: true });
  }
  await rm(template, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({ ...latency, takeoverMedianMs: Math.round(median(pauses)), takeoverMaxMs: Math.round(Math.max(...pauses)), takeovers })}\n`,
  );
}
