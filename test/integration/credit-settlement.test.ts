import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditLedger } from '../../src/credits/ledger.js';
import type { AppError } from '../../src/errors/app-error.js';
import { appErrorOf } from '../support/app-error-of.js';
import { verifyInvariants } from '../support/ledger-invariants.js';
import { insertUsers } from '../support/ledger-users.js';
import { engines, type TestDatabase } from '../support/test-database.js';

describe.each(engines)('credit ledger: capture, release, sweep ($name)', ({ create }) => {
  let database: TestDatabase;
  let ledger: CreditLedger;
  let clock = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    database = await create();
    ledger = new CreditLedger({ db: database.db, now: () => clock, holdTtlSeconds: 60 });
  });
  afterAll(async () => {
    // A breach must not skip close(): its pool would stay open and the database undropped.
    try {
      expect(await verifyInvariants(database.db)).toEqual([]);
    } finally {
      await database?.close();
    }
  });

  async function funded(credits: number): Promise<string> {
    const userId = randomUUID();
    await insertUsers(database.db, [userId]);
    await ledger.openAccount(userId);
    await ledger.grant({ userId, amount: credits, reason: 'test funds' });
    return userId;
  }

  it('captures the actual cost, frees the whole hold and writes one capture row', async () => {
    const userId = await funded(20);
    const hold = await ledger.reserve({ userId, amount: 8, idempotencyKey: 'c1', purpose: 'analyze_market' });
    const entry = await ledger.capture({ reservationId: hold.id, amount: 5 });
    expect(entry).toMatchObject({
      user_id: userId,
      amount: -5,
      balance_after: 15,
      kind: 'capture',
      reason: 'analyze_market',
      reservation_id: hold.id,
    });
    expect(await ledger.balance(userId)).toEqual({ balance: 15, held: 0, available: 15 });

    expect(await ledger.capture({ reservationId: hold.id, amount: 5 })).toEqual(entry);
    const changed = await appErrorOf(ledger.capture({ reservationId: hold.id, amount: 6 }));
    expect(changed.code).toBe('CONFLICT');
    expect(changed.message).toContain('already captured for 5 credits');
    const released = await appErrorOf(ledger.release(hold.id));
    expect(released.code).toBe('CONFLICT');
    expect(await ledger.balance(userId)).toEqual({ balance: 15, held: 0, available: 15 });
    expect(await ledger.history(userId, { limit: 10 })).toHaveLength(2);
  });

  it('refuses to capture more than the hold, and captures zero as a settled zero row', async () => {
    const userId = await funded(10);
    const hold = await ledger.reserve({ userId, amount: 3, idempotencyKey: 'z' });
    const tooMuch = await appErrorOf(ledger.capture({ reservationId: hold.id, amount: 4 }));
    expect(tooMuch.code).toBe('INVALID_INPUT');
    expect((await appErrorOf(ledger.capture({ reservationId: hold.id, amount: -1 }))).code).toBe(
      'INVALID_INPUT',
    );
    expect(await ledger.balance(userId)).toEqual({ balance: 10, held: 3, available: 7 });

    const zero = await ledger.capture({ reservationId: hold.id, amount: 0 });
    expect(zero).toMatchObject({ amount: 0, balance_after: 10, kind: 'capture', reservation_id: hold.id });
    expect(await ledger.balance(userId)).toEqual({ balance: 10, held: 0, available: 10 });
    expect((await appErrorOf(ledger.capture({ reservationId: 'missing', amount: 0 }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('releases a hold without a ledger row, idempotently, and then refuses to capture it', async () => {
    const userId = await funded(10);
    const hold = await ledger.reserve({ userId, amount: 6, idempotencyKey: 'r' });
    const released = await ledger.release(hold.id);
    expect(released).toMatchObject({ id: hold.id, status: 'released' });
    expect(await ledger.release(hold.id)).toEqual(released);
    expect(await ledger.balance(userId)).toEqual({ balance: 10, held: 0, available: 10 });
    expect((await ledger.history(userId, { limit: 10 })).map((entry) => entry.kind)).toEqual(['grant']);

    const refused = await appErrorOf(ledger.capture({ reservationId: hold.id, amount: 6 }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('was released before capture');
    expect((await appErrorOf(ledger.release('missing'))).code).toBe('NOT_FOUND');
  });

  it('expires only holds past expires_at, and an expired hold can no longer be captured', async () => {
    const userId = await funded(30);
    const short = await ledger.reserve({ userId, amount: 5, idempotencyKey: 'short', ttlSeconds: 10 });
    const long = await ledger.reserve({ userId, amount: 7, idempotencyKey: 'long', ttlSeconds: 1000 });
    const start = clock;
    try {
      expect(await ledger.sweepExpiredHolds(new Date(start.getTime() + 9_999))).toBe(0);
      clock = new Date(start.getTime() + 10_000);
      expect(await ledger.sweepExpiredHolds()).toBe(1);
      expect(await ledger.sweepExpiredHolds()).toBe(0);
    } finally {
      clock = start;
    }
    expect(await ledger.balance(userId)).toEqual({ balance: 30, held: 7, available: 23 });
    const refused = await appErrorOf(ledger.capture({ reservationId: short.id, amount: 5 }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('was expired before capture');
    expect(await ledger.release(short.id)).toMatchObject({ status: 'expired' });
    expect(await ledger.reserve({ userId, amount: 5, idempotencyKey: 'short' })).toMatchObject({
      id: short.id,
      status: 'expired',
    });
    await ledger.capture({ reservationId: long.id, amount: 7 });
    expect(await ledger.balance(userId)).toEqual({ balance: 23, held: 0, available: 23 });
  });

  it('lets exactly one of capture and sweep win a racing expired hold', async () => {
    const userId = await funded(1000);
    const holds = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        ledger.reserve({ userId, amount: 10, idempotencyKey: `race-${index}`, ttlSeconds: 1 }),
      ),
    );
    const later = new Date(clock.getTime() + 5_000);
    const [swept, ...captures] = await Promise.allSettled([
      ledger.sweepExpiredHolds(later),
      ...holds.map((hold) => ledger.capture({ reservationId: hold.id, amount: 4 })),
    ]);
    const captured = captures.filter((result) => result.status === 'fulfilled').length;
    const refused = captures.filter(
      (result) => result.status === 'rejected' && (result.reason as AppError).code === 'CONFLICT',
    ).length;
    expect(swept.status).toBe('fulfilled');
    const expired = (swept as PromiseFulfilledResult<number>).value;
    expect(captured + refused).toBe(40);
    expect(expired).toBe(refused);
    expect(await ledger.balance(userId)).toEqual({
      balance: 1000 - 4 * captured,
      held: 0,
      available: 1000 - 4 * captured,
    });
    expect(await verifyInvariants(database.db)).toEqual([]);
  });
});
