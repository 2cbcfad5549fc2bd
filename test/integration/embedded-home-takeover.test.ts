import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { EmbeddedEngine, type EngineTransaction } from '../../src/db/embedded/embedded-engine.js';
import { homePaths } from '../../src/db/embedded/home-lock.js';
import { type OwnerRequest, readFrames, writeFrame } from '../../src/db/embedded/wire.js';
import { inTransaction } from '../../src/db/in-transaction.js';

/**
 * An owner that dies at a chosen moment: `dies(request)` says whether to apply the request first
 * (`after`), not at all (`before`), or to answer it normally (`undefined`).
 */
async function dyingOwner(
  folder: string,
  dies: (request: OwnerRequest) => 'before' | 'after' | undefined,
): Promise<{ died: Promise<void> }> {
  const engine = await EmbeddedEngine.open(folder);
  const transactions = new Map<number, EngineTransaction>();
  let server: Server | undefined;
  let dead = false;
  let markDead: () => void = () => {};
  const died = new Promise<void>((resolve) => (markDead = resolve));
  const die = async (socket: Socket) => {
    dead = true;
    socket.destroy();
    for (const trx of transactions.values()) await trx.rollback();
    await engine.close();
    server?.close();
    markDead();
  };
  const apply = async (request: OwnerRequest) => {
    switch (request.op) {
      case 'execute': {
        const query = CompiledQuery.raw(request.sql, [...request.parameters]);
        return request.key === undefined ? engine.execute(query) : engine.executeOnce(query, request.key);
      }
      case 'begin':
        transactions.set(request.tx, await engine.begin(request.settings));
        return undefined;
      case 'query':
        return transactions.get(request.tx)?.execute(CompiledQuery.raw(request.sql, [...request.parameters]));
      case 'commit':
        await transactions.get(request.tx)?.commit(request.key);
        transactions.delete(request.tx);
        return undefined;
      case 'rollback':
        await transactions.get(request.tx)?.rollback();
        transactions.delete(request.tx);
        return undefined;
      case 'outcome':
        return undefined;
    }
  };
  server = createServer((socket) => {
    readFrames<OwnerRequest>(socket, (request) => {
      void (async () => {
        if (dead) return;
        const when = dies(request);
        if (when === 'before') return die(socket);
        const result = await apply(request);
        if (when === 'after') return die(socket);
        writeFrame(socket, { id: request.id, ok: true, ...(result === undefined ? {} : { result }) });
      })();
    });
  });
  await new Promise<void>((resolve) => server?.listen(homePaths(folder).socket, resolve));
  return { died };
}

// biome-ignore lint/suspicious/noExplicitAny: raw SQL on tables outside the app's schema.
const raw = (db: Database) => db as unknown as Kysely<any>;

async function counter(db: Database): Promise<number> {
  const { rows } = await sql<{ n: number }>`select n from counter`.execute(db);
  return rows[0]?.n ?? Number.NaN;
}

describe('a client whose owner dies in the middle of its request', () => {
  let template = '';
  const folders: string[] = [];

  beforeAll(async () => {
    template = await mkdtemp(path.join(tmpdir(), 'adengine-takeover-template-'));
    const engine = await EmbeddedEngine.open(template);
    await engine.execute(CompiledQuery.raw('create table counter (n int not null)'));
    await engine.execute(CompiledQuery.raw('insert into counter values (0)'));
    await engine.close();
  });
  afterAll(async () => {
    for (const folder of [template, ...folders]) await rm(folder, { recursive: true, force: true });
  });

  async function clientOf(dies: (request: OwnerRequest) => 'before' | 'after' | undefined) {
    const folder = await mkdtemp(path.join(tmpdir(), 'adengine-takeover-'));
    folders.push(folder);
    await cp(template, folder, { recursive: true });
    const owner = await dyingOwner(folder, dies);
    let owned = 0;
    const db = await openDatabase({ url: undefined, dataDir: folder, onOwned: () => owned++ });
    expect(owned).toBe(0);
    return { db, owner, owned: () => owned };
  }

  const isWrite = (request: OwnerRequest) => request.op === 'execute' && request.key !== undefined;

  it('gets the answer of a write the owner applied before dying, and does not apply it again', async () => {
    const { db, owner, owned } = await clientOf((request) => (isWrite(request) ? 'after' : undefined));
    try {
      const result = await sql`update counter set n = n + 1 returning n`.execute(db);
      await owner.died;
      expect(owned()).toBe(1);
      expect(result.rows).toEqual([{ n: 1 }]);
      expect(result.numAffectedRows).toBe(1n);
      expect(await counter(db)).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('applies a write the owner died before running, once, on the next owner', async () => {
    const { db, owner } = await clientOf((request) => (isWrite(request) ? 'before' : undefined));
    try {
      const result = await sql`update counter set n = n + 1 returning n`.execute(db);
      await owner.died;
      expect(result.rows).toEqual([{ n: 1 }]);
      expect(await counter(db)).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('reports a transaction committed when the owner died right after committing it', async () => {
    const { db, owner } = await clientOf((request) => (request.op === 'commit' ? 'after' : undefined));
    try {
      await raw(db)
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('counter').set({ n: sql`n + 5` }).execute();
        });
      await owner.died;
      expect(await counter(db)).toBe(5);
    } finally {
      await db.destroy();
    }
  });

  it('fails a transaction cut by the owner’s death with a retryable error, and applies none of it', async () => {
    const { db, owner } = await clientOf((request) => (request.op === 'commit' ? 'before' : undefined));
    try {
      const failed = await raw(db)
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('counter').set({ n: sql`n + 5` }).execute();
        })
        .catch((error: unknown) => error);
      await owner.died;
      expect(failed).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      expect(String((failed as Error).message)).toMatch(/nothing of it was applied/);
      expect(await counter(db)).toBe(0);
      // The same call made again goes to the next owner: this process.
      await raw(db)
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('counter').set({ n: sql`n + 5` }).execute();
        });
      expect(await counter(db)).toBe(5);
    } finally {
      await db.destroy();
    }
  });
  it('runs a transaction cut by the owner’s death again on the next owner, through inTransaction', async () => {
    let commits = 0;
    const { db, owner, owned } = await clientOf((request) =>
      request.op === 'commit' && ++commits === 1 ? 'before' : undefined,
    );
    try {
      let runs = 0;
      const n = await inTransaction(raw(db), async (trx) => {
        runs++;
        await trx.updateTable('counter').set({ n: sql`n + 5` }).execute();
        return counter(trx as unknown as Database);
      });
      await owner.died;
      expect(runs).toBe(2);
      expect(owned()).toBe(1);
      expect(n).toBe(5);
      expect(await counter(db)).toBe(5);
    } finally {
      await db.destroy();
    }
  });

  it('does not run again a transaction whose commit the owner applied before dying', async () => {
    const { db, owner } = await clientOf((request) => (request.op === 'commit' ? 'after' : undefined));
    try {
      let runs = 0;
      await inTransaction(raw(db), async (trx) => {
        runs++;
        await trx.updateTable('counter').set({ n: sql`n + 5` }).execute();
      });
      await owner.died;
      expect(runs).toBe(1);
      expect(await counter(db)).toBe(5);
    } finally {
      await db.destroy();
    }
  });
});
