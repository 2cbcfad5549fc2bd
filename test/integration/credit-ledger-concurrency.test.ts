import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditLedger } from '../../src/credits/ledger.js';
import { AppError } from '../../src/errors/app-error.js';
import { verifyInvariants } from '../support/ledger-invariants.js';
import { insertUsers } from '../support/ledger-users.js';
import { createPostgresDatabase, postgresUrl, type TestDatabase } from '../support/test-database.js';

// PGlite runs one statement at a time and would pass any race: these need the real server (CI sets TEST_DATABASE_URL).
describe.skipIf(postgresUrl === undefined)('credit ledger under real concurrency (postgres)', () => {
  let database: TestDatabase;
  let ledger: CreditLedger;

  beforeAll(async () => {
    database = await createPostgresDatabase(postgresUrl!, 40);
    ledger = new CreditLedger({ db: database.db, holdTtlSeconds: 600 });
  });
  afterAll(async () => {
    if (database === undefined) return;
    expect(await verifyInvariants(database.db)).toEqual([]);
    await database.close();
  });

  async function funded(credits: number): Promise<string> {
    const userId = randomUUID();
    await insertUsers(database.db, [userId]);
    await ledger.openAccount(userId);
    await ledger.grant({ userId, amount: credits, reason: 'test funds' });
    return userId;
  }

  it('grants exactly 50 of 200 parallel 1-credit reservations against 50 credits, never below 0', async () => {
    const userId = await funded(50);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, index) =>
        ledger.reserve({ userId, amount: 1, idempotencyKey: `call-${index}` }),
      ),
    );
    const held = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const refusals = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(held).toHaveLength(50);
    expect(refusals).toHaveLength(150);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('INSUFFICIENT_CREDITS');
    }
    expect(await ledger.balance(userId)).toEqual({ balance: 50, held: 50, available: 0 });

    // Capture everything in parallel while more reservations keep arriving and being refused.
    const latecomers = Array.from({ length: 50 }, (_, index) =>
      ledger.reserve({ userId, amount: 1, idempotencyKey: `late-${index}` }).then(
        (reservation) => ledger.release(reservation.id).then(() => 'held'),
        (error: AppError) => error.code,
      ),
    );
    await Promise.all(
      held.map((reservation) => ledger.capture({ reservationId: reservation.id, amount: 1 })),
    );
    await Promise.all(latecomers);
    expect(await ledger.balance(userId)).toEqual({ balance: 0, held: 0, available: 0 });

    const history = await ledger.history(userId, { limit: 100 });
    expect(history.filter((entry) => entry.kind === 'capture')).toHaveLength(50);
    // balance_after walks down 49 … 0 with no row ever below zero.
    expect(Math.min(...history.map((entry) => entry.balance_after))).toBe(0);
    expect(await verifyInvariants(database.db, { userIds: [userId] })).toEqual([]);
  });

  it('holds once for 50 parallel reservations with the same key', async () => {
    const userId = await funded(100);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => ledger.reserve({ userId, amount: 7, idempotencyKey: 'one-call' })),
    );
    expect(new Set(results.map((reservation) => reservation.id)).size).toBe(1);
    expect(await ledger.balance(userId)).toEqual({ balance: 100, held: 7, available: 93 });

    const captures = await Promise.all(
      results.map((reservation) => ledger.capture({ reservationId: reservation.id, amount: 7 })),
    );
    expect(new Set(captures.map((entry) => entry.id)).size).toBe(1);
    expect(await ledger.balance(userId)).toEqual({ balance: 93, held: 0, available: 93 });
  });

  it('grants once for 50 parallel grants with the same key', async () => {
    const userId = await funded(1);
    const entries = await Promise.all(
      Array.from({ length: 50 }, () =>
        ledger.grant({ userId, amount: 10, reason: 'promo', idempotencyKey: 'promo' }),
      ),
    );
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(1);
    expect(await ledger.balance(userId)).toEqual({ balance: 11, held: 0, available: 11 });
  });

  it('settles each of many holds exactly once when captures, releases and sweeps race', async () => {
    const userId = await funded(400);
    const holds = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        ledger.reserve({ userId, amount: 4, idempotencyKey: `mix-${index}`, ttlSeconds: 1 }),
      ),
    );
    const past = new Date(Date.now() + 10_000);
    const results = await Promise.allSettled([
      ...holds.map((hold, index) =>
        index % 2 === 0 ? ledger.capture({ reservationId: hold.id, amount: 3 }) : ledger.release(hold.id),
      ),
      ledger.sweepExpiredHolds(past),
      ledger.sweepExpiredHolds(past),
    ]);
    const unexpected = results.filter(
      (result) => result.status === 'rejected' && (result.reason as AppError).code !== 'CONFLICT',
    );
    expect(unexpected).toEqual([]);
    const captured = (await ledger.history(userId, { limit: 200 })).filter(
      (entry) => entry.kind === 'capture',
    );
    expect(await ledger.balance(userId)).toEqual({
      balance: 400 - 3 * captured.length,
      held: 0,
      available: 400 - 3 * captured.length,
    });
    expect(await verifyInvariants(database.db, { userIds: [userId] })).toEqual([]);
  });
});
