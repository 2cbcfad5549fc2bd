import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreparedPGliteDialect } from '../../src/db/embedded/prepared-pglite-dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: a scratch schema outside the app's tables.
type Scratch = any;

describe('PreparedPGliteDialect: Kysely on PGlite with prepared statements', () => {
  let pglite: PGlite;
  let db: Kysely<Scratch>;
  let parses = 0;

  beforeAll(async () => {
    pglite = new PGlite();
    // Count the statements PGlite is asked to parse: protocol 'P' messages, each [type][length]….
    const execProtocol = pglite.execProtocol.bind(pglite);
    pglite.execProtocol = (message, options) => {
      for (let at = 0; at < message.length; ) {
        if (message[at] === 0x50) parses++;
        at += 1 + new DataView(message.buffer, message.byteOffset + at + 1, 4).getUint32(0);
      }
      return execProtocol(message, options);
    };
    db = new Kysely<Scratch>({ dialect: new PreparedPGliteDialect(pglite) });
    await sql`create table things (id bigserial primary key, name text unique not null, data jsonb, at timestamptz, blob bytea, flag boolean, tags text[])`.execute(
      db,
    );
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('writes and reads every kind of value the app stores, as PGlite’s own query does', async () => {
    const at = new Date('2026-11-30T12:34:56.789Z');
    const inserted = await db
      .insertInto('things')
      .values({
        name: 'a',
        data: JSON.stringify({ n: 1, s: 'x' }),
        at,
        blob: new Uint8Array([1, 2, 3]),
        flag: true,
        tags: ['p', 'q'],
      })
      .returning(['id', 'name', 'data', 'at', 'blob', 'flag', 'tags'])
      .executeTakeFirstOrThrow();
    const plain = (
      await pglite.query('select id, name, data, at, blob, flag, tags from things where name = $1', ['a'])
    ).rows[0];
    expect(inserted).toEqual(plain);
    expect(inserted.data).toEqual({ n: 1, s: 'x' });
    expect(inserted.at).toEqual(at);
    expect(inserted.blob).toEqual(new Uint8Array([1, 2, 3]));
    const nulls = await db
      .insertInto('things')
      .values({ name: 'b', data: null, at: null })
      .returning(['data', 'at', 'flag'])
      .executeTakeFirstOrThrow();
    expect(nulls).toEqual({ data: null, at: null, flag: null });
  });

  it('parses a statement once and runs it many times, counting affected rows', async () => {
    parses = 0;
    for (let n = 0; n < 5; n++)
      await db.selectFrom('things').select('name').where('name', '=', 'a').execute();
    expect(parses).toBe(1);
    const updated = await db
      .updateTable('things')
      .set({ flag: false })
      .where('name', 'in', ['a', 'b'])
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await db.deleteFrom('things').where('name', '=', 'nobody').executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(0n);
  });

  it('keeps the database error with its code, and the statement usable after it', async () => {
    const insert = () => db.insertInto('things').values({ name: 'a' }).execute();
    await expect(insert()).rejects.toMatchObject({ code: '23505', constraint: 'things_name_key' });
    await expect(insert()).rejects.toMatchObject({ code: '23505' });
    expect(await db.selectFrom('things').select('name').where('name', '=', 'a').execute()).toEqual([
      { name: 'a' },
    ]);
    await expect(sql`select nonsense from things`.execute(db)).rejects.toMatchObject({ code: '42703' });
  });

  it('reads the new shape after the table changes under a prepared statement', async () => {
    const before = await db
      .selectFrom('things')
      .selectAll()
      .where('name', '=', 'a')
      .executeTakeFirstOrThrow();
    expect(before).not.toHaveProperty('extra');
    await sql`alter table things add column extra int not null default 7`.execute(db);
    const after = await db.selectFrom('things').selectAll().where('name', '=', 'a').executeTakeFirstOrThrow();
    expect(after.extra).toBe(7);
    // Changed behind the dialect's back (not through it): Postgres refuses the old plan once, the dialect prepares again.
    await pglite.exec('alter table things drop column extra');
    const again = await db.selectFrom('things').selectAll().where('name', '=', 'a').executeTakeFirstOrThrow();
    expect(again).not.toHaveProperty('extra');
  });

  it('closes the least recently used statements beyond its capacity, and they still run', async () => {
    for (let n = 0; n < 300; n++) await sql`select ${sql.lit(n)}::int as n, ${'x'}::text as s`.execute(db);
    const { rows } = await pglite.query<{ count: number }>(
      'select count(*)::int as count from pg_prepared_statements',
    );
    expect(rows[0]?.count).toBeLessThanOrEqual(256);
    expect(
      (await sql<{ n: number }>`select ${sql.lit(0)}::int as n, ${'x'}::text as s`.execute(db)).rows,
    ).toEqual([{ n: 0, s: 'x' }]);
  });

  it('runs transactions as before: commit keeps, rollback discards, others wait for them', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('things').values({ name: 'in-tx' }).execute();
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('things').values({ name: 'rolled-back' }).execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const names = (await db.selectFrom('things').select('name').orderBy('name').execute()).map(
      (row) => row.name,
    );
    expect(names).toContain('in-tx');
    expect(names).not.toContain('rolled-back');
  });
});
