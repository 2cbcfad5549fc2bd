import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditLedger } from '../../src/credits/ledger.js';
import type { Reservation } from '../../src/db/tables.js';
import { AppError } from '../../src/errors/app-error.js';
import { verifyInvariants } from '../support/ledger-invariants.js';
import { LedgerModel, type LedgerOperation, type Outcome } from '../support/ledger-model.js';
import { insertUsers } from '../support/ledger-users.js';
import { engines, type TestDatabase } from '../support/test-database.js';

const userCount = 3;
const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];

const operation: fc.Arbitrary<LedgerOperation> = fc.oneof(
  fc.record({
    kind: fc.constant('grant' as const),
    user: fc.nat(userCount - 1),
    amount: fc.integer({ min: 1, max: 20 }),
    key: fc.option(fc.constantFrom(...keys), { nil: undefined }),
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('reserve' as const),
      user: fc.nat(userCount - 1),
      amount: fc.integer({ min: 1, max: 12 }),
      key: fc.constantFrom(...keys),
      ttlSeconds: fc.constantFrom(5, 30, 120),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('capture' as const),
      reservation: fc.nat(50),
      share: fc.constantFrom(0, 0.5, 1, 1.5),
    }),
  },
  fc.record({ kind: fc.constant('release' as const), reservation: fc.nat(50) }),
  fc.record({ kind: fc.constant('sweep' as const), advanceSeconds: fc.constantFrom(0, 10, 60) }),
  fc.record({ kind: fc.constant('retry' as const) }),
);

/** Runs the call and reduces its result to the model's vocabulary: success or an error code. */
async function outcomeOf<T>(call: Promise<T>): Promise<Outcome & { value?: T }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code };
    throw error;
  }
}

describe.each(engines)('credit ledger properties ($name)', ({ create }) => {
  let database: TestDatabase;

  // Creating the first PGlite database migrates a template, which takes seconds on a busy machine.
  beforeAll(async () => {
    database = await create();
  }, 120_000);
  afterAll(async () => {
    if (database === undefined) return;
    expect(await verifyInvariants(database.db)).toEqual([]);
    await database.close();
  });

  it('keeps every invariant and agrees with the model under random operations and retries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(40), { minLength: userCount, maxLength: userCount }),
        fc.array(operation, { minLength: 10, maxLength: 40, size: 'max' }),
        async (startingCredits, operations) => {
          const users = Array.from({ length: userCount }, () => randomUUID());
          const model = new LedgerModel(userCount, Date.parse('2026-11-25T10:00:00Z'));
          const ledger = new CreditLedger({
            db: database.db,
            now: () => new Date(model.clockMs),
            holdTtlSeconds: 60,
          });
          // Expire what an earlier (possibly failed, shrinking) run left open, so sweep counts are exact.
          await ledger.sweepExpiredHolds(new Date('2100-01-01T00:00:00Z'));
          await insertUsers(database.db, users);
          for (const [index, userId] of users.entries()) {
            await ledger.openAccount(userId);
            const amount = startingCredits[index]!;
            if (amount > 0) await ledger.grant({ userId, amount, reason: 'starting credits' });
            model.grant(index, amount, undefined);
          }
          const reservations: Reservation[] = [];
          let previous: LedgerOperation | undefined;

          for (const generated of operations) {
            const step = generated.kind === 'retry' ? previous : generated;
            if (step === undefined) continue;
            previous = step;
            switch (step.kind) {
              case 'grant': {
                const real = await outcomeOf(
                  ledger.grant({
                    userId: users[step.user]!,
                    amount: step.amount,
                    reason: 'p',
                    idempotencyKey: step.key,
                  }),
                );
                expect(real.ok ? { ok: true } : real).toEqual(model.grant(step.user, step.amount, step.key));
                break;
              }
              case 'reserve': {
                const input = { userId: users[step.user]!, amount: step.amount, idempotencyKey: step.key };
                const real = await outcomeOf(ledger.reserve({ ...input, ttlSeconds: step.ttlSeconds }));
                const expected = model.reserve(step.user, step.amount, step.key, step.ttlSeconds);
                expect(real.ok ? { ok: true } : real).toEqual(expected.ok ? { ok: true } : expected);
                if (real.value !== undefined && expected.hold !== undefined) {
                  if (expected.hold.id === undefined) {
                    expected.hold.id = real.value.id;
                    reservations.push(real.value);
                  }
                  expect(real.value.id).toBe(expected.hold.id);
                  expect(real.value.status).toBe(expected.hold.status);
                }
                break;
              }
              case 'capture': {
                const reservation = reservations[step.reservation % Math.max(1, reservations.length)];
                if (reservation === undefined) break;
                const amount = Math.floor(reservation.amount * step.share);
                const hold = model.holds.find((candidate) => candidate.id === reservation.id)!;
                const real = await outcomeOf(ledger.capture({ reservationId: reservation.id, amount }));
                expect(real.ok ? { ok: true } : real).toEqual(model.capture(hold, amount));
                break;
              }
              case 'release': {
                const reservation = reservations[step.reservation % Math.max(1, reservations.length)];
                if (reservation === undefined) break;
                const hold = model.holds.find((candidate) => candidate.id === reservation.id)!;
                const real = await outcomeOf(ledger.release(reservation.id));
                expect(real.ok ? { ok: true } : real).toEqual(model.release(hold));
                break;
              }
              case 'sweep': {
                const expired = model.sweep(step.advanceSeconds);
                expect(await ledger.sweepExpiredHolds()).toBe(expired);
                break;
              }
            }
          }

          for (const [index, userId] of users.entries()) {
            const balance = model.balances[index]!;
            const held = model.held(index);
            expect(await ledger.balance(userId)).toEqual({ balance, held, available: balance - held });
          }
          expect(await verifyInvariants(database.db, { userIds: users })).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
