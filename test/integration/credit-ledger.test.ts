import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditLedger } from '../../src/credits/ledger.js';
import { appErrorOf } from '../support/app-error-of.js';
import { verifyInvariants } from '../support/ledger-invariants.js';
import { insertUsers } from '../support/ledger-users.js';
import { engines, type TestDatabase } from '../support/test-database.js';

describe.each(engines)('credit ledger: accounts, grants, reservations ($name)', ({ create }) => {
  let database: TestDatabase;
  let ledger: CreditLedger;
  const now = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    database = await create();
    ledger = new CreditLedger({ db: database.db, now: () => now, holdTtlSeconds: 600 });
  });
  afterAll(async () => {
    expect(await verifyInvariants(database.db)).toEqual([]);
    await database.close();
  });

  async function funded(credits: number): Promise<string> {
    const userId = randomUUID();
    await insertUsers(database.db, [userId]);
    await ledger.openAccount(userId);
    if (credits > 0) await ledger.grant({ userId, amount: credits, reason: 'test funds' });
    return userId;
  }

  it('opens an account once, inside the caller’s transaction, and refuses unknown users', async () => {
    const userId = randomUUID();
    await database.db.transaction().execute(async (trx) => {
      await insertUsers(trx, [userId]);
      await ledger.openAccount(userId, trx);
      await ledger.openAccount(userId, trx);
    });
    expect(await ledger.balance(userId)).toEqual({ balance: 0, held: 0, available: 0 });

    const rolledBack = randomUUID();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await insertUsers(trx, [rolledBack]);
        await ledger.openAccount(rolledBack, trx);
        throw new Error('user creation failed later');
      }),
    ).rejects.toThrow('user creation failed later');
    expect((await appErrorOf(ledger.balance(rolledBack))).code).toBe('NOT_FOUND');
    expect((await appErrorOf(ledger.openAccount('no-such-user'))).code).toBe('NOT_FOUND');
  });

  it('grants credits as ledger rows, once per idempotency key', async () => {
    const userId = await funded(0);
    const first = await ledger.grant({ userId, amount: 40, reason: 'welcome', idempotencyKey: 'welcome' });
    expect(first).toMatchObject({
      user_id: userId,
      amount: 40,
      balance_after: 40,
      kind: 'grant',
      reason: 'welcome',
    });
    const again = await ledger.grant({ userId, amount: 40, reason: 'welcome', idempotencyKey: 'welcome' });
    expect(again).toEqual(first);
    await ledger.grant({ userId, amount: 2, reason: 'no key' });
    await ledger.grant({ userId, amount: 2, reason: 'no key' });
    expect(await ledger.balance(userId)).toEqual({ balance: 44, held: 0, available: 44 });

    const conflict = await appErrorOf(
      ledger.grant({ userId, amount: 41, reason: 'x', idempotencyKey: 'welcome' }),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect((await appErrorOf(ledger.grant({ userId, amount: 0, reason: 'zero' }))).code).toBe(
      'INVALID_INPUT',
    );
    expect((await appErrorOf(ledger.grant({ userId, amount: 1.5, reason: 'half' }))).code).toBe(
      'INVALID_INPUT',
    );
    expect((await appErrorOf(ledger.grant({ userId: 'nobody', amount: 1, reason: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    expect(await ledger.balance(userId)).toEqual({ balance: 44, held: 0, available: 44 });
  });

  it('holds credits on reserve and refuses what is not available, by the exact message', async () => {
    const userId = await funded(15);
    const hold = await ledger.reserve({ userId, amount: 12, idempotencyKey: 'a', purpose: 'generate_image' });
    expect(hold).toMatchObject({ user_id: userId, amount: 12, status: 'open', purpose: 'generate_image' });
    expect(new Date(hold.expires_at).getTime() - now.getTime()).toBe(600_000);
    expect(await ledger.balance(userId)).toEqual({ balance: 15, held: 12, available: 3 });

    const refused = await appErrorOf(ledger.reserve({ userId, amount: 12, idempotencyKey: 'b' }));
    expect(refused.code).toBe('INSUFFICIENT_CREDITS');
    expect(refused.message).toBe('this call costs 12 credits, balance is 3');
    expect(refused.details).toEqual({ required: 12, available: 3 });
    expect(await ledger.balance(userId)).toEqual({ balance: 15, held: 12, available: 3 });
    // The refused key left nothing behind: it may be used again once credits are there.
    await ledger.release(hold.id);
    expect((await ledger.reserve({ userId, amount: 12, idempotencyKey: 'b' })).status).toBe('open');
  });

  it('replays a repeated key (whatever the reservation became) and holds once', async () => {
    const userId = await funded(10);
    const [first, ...rest] = await Promise.all(
      Array.from({ length: 8 }, () =>
        ledger.reserve({ userId, amount: 4, idempotencyKey: 'same', ttlSeconds: 30 }),
      ),
    );
    for (const other of rest) expect(other).toEqual(first);
    expect(await ledger.balance(userId)).toEqual({ balance: 10, held: 4, available: 6 });

    await ledger.capture({ reservationId: first!.id, amount: 3 });
    const replayed = await ledger.reserve({ userId, amount: 4, idempotencyKey: 'same' });
    expect(replayed).toMatchObject({ id: first!.id, status: 'captured', captured_amount: 3 });
    expect(await ledger.balance(userId)).toEqual({ balance: 7, held: 0, available: 7 });

    const conflict = await appErrorOf(ledger.reserve({ userId, amount: 5, idempotencyKey: 'same' }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.message).toContain('already used to reserve 4 credits');
  });

  it('validates reserve input and names a missing account', async () => {
    const userId = await funded(5);
    for (const amount of [0, -1, 2.5, Number.NaN]) {
      expect((await appErrorOf(ledger.reserve({ userId, amount, idempotencyKey: `k${amount}` }))).code).toBe(
        'INVALID_INPUT',
      );
    }
    expect((await appErrorOf(ledger.reserve({ userId, amount: 1, idempotencyKey: '' }))).code).toBe(
      'INVALID_INPUT',
    );
    const missing = await appErrorOf(ledger.reserve({ userId: 'nobody', amount: 1, idempotencyKey: 'k' }));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('lists history newest first, paged by entry id', async () => {
    const userId = await funded(0);
    for (const amount of [1, 2, 3, 4]) await ledger.grant({ userId, amount, reason: `grant ${amount}` });
    const hold = await ledger.reserve({ userId, amount: 5, idempotencyKey: 'h' });
    await ledger.capture({ reservationId: hold.id, amount: 5 });

    const page = await ledger.history(userId, { limit: 3 });
    expect(page.map((entry) => [entry.kind, entry.amount, entry.balance_after])).toEqual([
      ['capture', -5, 5],
      ['grant', 4, 10],
      ['grant', 3, 6],
    ]);
    const next = await ledger.history(userId, { limit: 3, before: page.at(-1)!.id });
    expect(next.map((entry) => entry.amount)).toEqual([2, 1]);
  });

  it('reads the balance and the newest entries in one statement, the same as the two reads', async () => {
    const empty = await funded(0);
    expect(await ledger.statement(empty, 10)).toEqual({ balance: 0, held: 0, available: 0, history: [] });

    const userId = await funded(0);
    for (const amount of [5, 6, 7]) await ledger.grant({ userId, amount, reason: `grant ${amount}` });
    await ledger.reserve({ userId, amount: 4, idempotencyKey: 'open hold' });
    const statement = await ledger.statement(userId, 2);
    expect(statement).toEqual({
      ...(await ledger.balance(userId)),
      history: await ledger.history(userId, { limit: 2 }),
    });
    expect(statement).toMatchObject({ balance: 18, held: 4, available: 14 });
    expect(statement.history.map((entry) => entry.amount)).toEqual([7, 6]);
    expect((await ledger.statement(userId, 10)).history).toHaveLength(3);

    // Every column of an entry, with its type (a capture carries its hold and key), as the plain read gives it.
    const hold = await ledger.reserve({ userId, amount: 2, idempotencyKey: 'paid call' });
    await ledger.capture({ reservationId: hold.id, amount: 2 });
    const full = await ledger.statement(userId, 10);
    expect(full).toEqual({
      ...(await ledger.balance(userId)),
      history: await ledger.history(userId, { limit: 10 }),
    });
    expect(full.history[0]).toMatchObject({ kind: 'capture', amount: -2, reservation_id: hold.id });
    expect(full.history[0]?.created_at).toBeInstanceOf(Date);
    expect(full.history.map((entry) => entry.id)).toEqual(
      [...full.history.map((entry) => entry.id)].sort((a, b) => b - a),
    );

    const missing = await appErrorOf(ledger.statement('nobody', 10));
    expect(missing.code).toBe('NOT_FOUND');
  });
});
