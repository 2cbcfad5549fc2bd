import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseError, uniqueViolation } from '../../src/credits/database-errors.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { homePaths } from '../../src/db/embedded/home-lock.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const childScript = path.join(root, 'test/support/embedded-home-child.ts');

interface Opened {
  db: Database;
  owned: () => number;
}

async function open(folder: string): Promise<Opened> {
  let owned = 0;
  const db = await openDatabase({ url: undefined, dataDir: folder, onOwned: () => owned++ });
  return { db, owned: () => owned };
}

// biome-ignore lint/suspicious/noExplicitAny: raw SQL on tables outside the app's schema.
const raw = (db: Database) => db as unknown as Kysely<any>;

async function counter(db: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`select n from counter`.execute(db);
  return rows[0]?.n ?? Number.NaN;
}

function startChild(
  folder: string,
  count: number,
  ...flags: string[]
): { child: ChildProcess; lines: string[]; line: (text: RegExp) => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, folder, String(count), ...flags], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const line = async (text: RegExp): Promise<string> => {
    for (;;) {
      const found = lines.find((candidate) => text.test(candidate));
      if (found !== undefined) return found;
      if (child.exitCode !== null) throw new Error(`child exited ${child.exitCode}: ${errors}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { child, lines, line };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('one embedded database folder shared by several openers', () => {
  let template = '';
  const folders: string[] = [];

  beforeAll(async () => {
    template = await mkdtemp(path.join(tmpdir(), 'adengine-home-template-'));
    const first = await open(template);
    await sql`create table counter (n int not null)`.execute(first.db);
    await sql`insert into counter values (0)`.execute(first.db);
    await sql`create table items (id int primary key, label text not null, at timestamptz, big int8, bytes bytea)`.execute(
      first.db,
    );
    await first.db.destroy();
  });
  afterAll(async () => {
    for (const folder of [template, ...folders]) await rm(folder, { recursive: true, force: true });
  });

  async function freshFolder(): Promise<string> {
    const folder = await mkdtemp(path.join(tmpdir(), 'adengine-home-'));
    folders.push(folder);
    await cp(template, folder, { recursive: true });
    return folder;
  }

  it('opens PGlite once: a second opener reaches the first, with types, transactions and errors intact', async () => {
    const folder = await freshFolder();
    const owner = await open(folder);
    const client = await open(folder);
    try {
      expect(owner.owned()).toBe(1);
      expect(client.owned()).toBe(0);
      const at = new Date('2026-01-02T03:04:05.678Z');
      await raw(client.db)
        .insertInto('items')
        .values({ id: 1, label: 'one', at, big: 9_007_199_254_740, bytes: new Uint8Array([1, 2, 255]) })
        .execute();
      const row = await raw(owner.db)
        .selectFrom('items')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        id: 1,
        label: 'one',
        at,
        big: 9_007_199_254_740,
        bytes: new Uint8Array([1, 2, 255]),
      });
      const seen = await raw(client.db).selectFrom('items').selectAll().executeTakeFirstOrThrow();
      expect(seen.at).toBeInstanceOf(Date);
      expect(seen.at).toEqual(at);
      expect(Array.from(seen.bytes as Uint8Array)).toEqual([1, 2, 255]);

      await raw(client.db)
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('items').values({ id: 2, label: 'two' }).execute();
          await trx.insertInto('items').values({ id: 3, label: 'three' }).execute();
        });
      await expect(
        raw(client.db)
          .transaction()
          .execute(async (trx) => {
            await trx.insertInto('items').values({ id: 4, label: 'four' }).execute();
            throw new Error('changed my mind');
          }),
      ).rejects.toThrow('changed my mind');
      const ids = await raw(owner.db).selectFrom('items').select('id').orderBy('id').execute();
      expect(ids.map((item) => item.id)).toEqual([1, 2, 3]);

      const duplicate = await raw(client.db)
        .insertInto('items')
        .values({ id: 1, label: 'again' })
        .execute()
        .catch((error: unknown) => error);
      expect(isDatabaseError(duplicate, uniqueViolation, 'items_pkey')).toBe(true);
    } finally {
      await client.db.destroy();
      await owner.db.destroy();
    }
  });

  it('never binds a large parameter to another connection’s statement', async () => {
    const folder = await freshFolder();
    const owner = await open(folder);
    const clients = [await open(folder), await open(folder)];
    try {
      const big = (tag: number) => `${String(tag)}:`.padEnd(4 * 1024 * 1024, 'x');
      const work: Array<Promise<void>> = [];
      for (let tag = 0; tag < 20; tag++) {
        const client = clients[tag % 2] as Opened;
        work.push(
          sql<{
            n: number;
            head: string;
            tag: number;
          }>`select length(${big(tag)}::text)::int as n, left(${big(tag)}::text, 4) as head, ${tag}::int as tag`
            .execute(client.db)
            .then(({ rows }) => {
              expect(rows).toEqual([{ n: 4 * 1024 * 1024, head: `${tag}:`.padEnd(4, 'x'), tag }]);
            }),
        );
        for (const opener of [owner, ...clients]) {
          const small = 1000 + tag;
          work.push(
            sql<{ tag: number }>`select ${small}::int as tag`.execute(opener.db).then(({ rows }) => {
              expect(rows).toEqual([{ tag: small }]);
            }),
          );
        }
      }
      await Promise.all(work);
    } finally {
      for (const client of clients) await client.db.destroy();
      await owner.db.destroy();
    }
  });

  it('lets a transaction in progress finish when the owner closes, then the next query takes over', async () => {
    const folder = await freshFolder();
    const owner = await open(folder);
    const client = await open(folder);
    try {
      const trx = await raw(client.db).startTransaction().execute();
      await trx.insertInto('items').values({ id: 10, label: 'during close' }).execute();
      const closing = owner.db.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await trx.insertInto('items').values({ id: 11, label: 'still during close' }).execute();
      await trx.commit().execute();
      await closing;
      const ids = await raw(client.db).selectFrom('items').select('id').orderBy('id').execute();
      expect(ids.map((item) => item.id)).toEqual([10, 11]);
      expect(client.owned()).toBe(1);
    } finally {
      await client.db.destroy();
    }
  });

  it('rolls back the open transaction of a client that goes away, and serves the others', async () => {
    const folder = await freshFolder();
    const owner = await open(folder);
    const client = await open(folder);
    try {
      const trx = await raw(client.db).startTransaction().execute();
      await trx.insertInto('items').values({ id: 20, label: 'never committed' }).execute();
      // The client's process ends with the transaction open (its socket closes).
      await client.db.destroy();
      const rows = await raw(owner.db).selectFrom('items').select('id').execute();
      expect(rows).toEqual([]);
      await raw(owner.db).insertInto('items').values({ id: 21, label: 'after' }).execute();
    } finally {
      await owner.db.destroy();
    }
  });

  it('gives a SIGKILLed owner’s stale socket to exactly one of many contenders', async () => {
    const folder = await freshFolder();
    const holder = startChild(folder, 0);
    expect(await holder.line(/^(owner|client)$/)).toBe('owner');
    await killHard(holder.child);
    expect((await stat(homePaths(folder).socket)).isSocket()).toBe(true);
    // Processes released at once, and openers in this process, all find the stale socket.
    const racers = Array.from({ length: 4 }, () => startChild(folder, 1, '--on-go'));
    try {
      for (const racer of racers) await racer.line(/^ready$/);
      for (const racer of racers) racer.child.stdin?.write('go\n');
      const contenders = await Promise.all(Array.from({ length: 4 }, () => open(folder)));
      try {
        const roles = await Promise.all(racers.map((racer) => racer.line(/^(owner|client)$/)));
        const owners = roles.filter((role) => role === 'owner').length;
        expect(owners + contenders.reduce((sum, contender) => sum + contender.owned(), 0)).toBe(1);
        await Promise.all(
          contenders.map((contender) => sql`update counter set n = n + 1`.execute(contender.db)),
        );
        for (const racer of racers) await racer.line(/^done 1$/);
        for (const contender of contenders) expect(await counter(contender.db)).toBe(8);
      } finally {
        for (const contender of contenders) await contender.db.destroy();
      }
    } finally {
      for (const racer of racers) racer.child.kill('SIGKILL');
    }
  });

  it('applies every write exactly once when the owner is SIGKILLed mid-load', async () => {
    const folder = await freshFolder();
    const owner = startChild(folder, 0);
    expect(await owner.line(/^(owner|client)$/)).toBe('owner');
    const peer = startChild(folder, 400);
    expect(await peer.line(/^(owner|client)$/)).toBe('client');
    const parent = await open(folder);
    try {
      let acknowledged = 0;
      const loop = async () => {
        for (let n = 0; n < 100; n++) {
          await sql`update counter set n = n + 1`.execute(parent.db);
          acknowledged++;
        }
      };
      const load = Promise.all([loop(), loop(), loop()]);
      while (acknowledged < 60) await new Promise((resolve) => setTimeout(resolve, 5));
      await killHard(owner.child);
      await load;
      await peer.line(/^done 400$/);
      expect(acknowledged).toBe(300);
      expect(await counter(parent.db)).toBe(700);
      peer.child.stdin?.end();
      await new Promise((resolve) => peer.child.once('exit', resolve));
    } finally {
      peer.child.kill('SIGKILL');
      await parent.db.destroy();
    }
    // And after everyone has gone, the folder holds it all.
    const reopened = await open(folder);
    expect(await counter(reopened.db)).toBe(700);
    await reopened.db.destroy();
  });
});
