import type { ErrorCode } from '../../src/errors/codes.js';

/** One step of a generated ledger workload; indexes pick among users and earlier reservations. */
export type LedgerOperation =
  | { kind: 'grant'; user: number; amount: number; key: string | undefined }
  | { kind: 'reserve'; user: number; amount: number; key: string; ttlSeconds: number }
  | {
      kind: 'capture';
      reservation: number /** Fraction of the hold; > 1 asks for too much. */;
      share: number;
    }
  | { kind: 'release'; reservation: number }
  | { kind: 'sweep'; advanceSeconds: number }
  | { kind: 'retry' };

interface ModelHold {
  id: string | undefined;
  user: number;
  key: string;
  amount: number;
  expiresAt: number;
  status: 'open' | 'captured' | 'released' | 'expired';
  captured: number | undefined;
}

/** What the model predicts for one call: success, or failure with that code. */
export type Outcome = { ok: true } | { ok: false; code: ErrorCode };

/** The ledger's rules restated without a database: the property test compares both. */
export class LedgerModel {
  readonly balances: number[];
  readonly holds: ModelHold[] = [];
  private readonly grants = new Map<string, number>();
  clockMs: number;

  constructor(users: number, startMs: number) {
    this.balances = Array.from({ length: users }, () => 0);
    this.clockMs = startMs;
  }

  held(user: number): number {
    return this.holds
      .filter((hold) => hold.user === user && hold.status === 'open')
      .reduce((sum, hold) => sum + hold.amount, 0);
  }

  available(user: number): number {
    return this.balances[user]! - this.held(user);
  }

  grant(user: number, amount: number, key: string | undefined): Outcome {
    if (key !== undefined) {
      const previous = this.grants.get(`${user}/${key}`);
      if (previous !== undefined) return previous === amount ? { ok: true } : { ok: false, code: 'CONFLICT' };
      this.grants.set(`${user}/${key}`, amount);
    }
    this.balances[user] = this.balances[user]! + amount;
    return { ok: true };
  }

  /** Returns the model's hold for a successful reserve so the caller can attach the real id. */
  reserve(user: number, amount: number, key: string, ttlSeconds: number): Outcome & { hold?: ModelHold } {
    const existing = this.holds.find((hold) => hold.user === user && hold.key === key);
    if (existing !== undefined) {
      return existing.amount === amount ? { ok: true, hold: existing } : { ok: false, code: 'CONFLICT' };
    }
    if (this.available(user) < amount) return { ok: false, code: 'INSUFFICIENT_CREDITS' };
    const hold: ModelHold = {
      id: undefined,
      user,
      key,
      amount,
      expiresAt: this.clockMs + ttlSeconds * 1000,
      status: 'open',
      captured: undefined,
    };
    this.holds.push(hold);
    return { ok: true, hold };
  }

  capture(hold: ModelHold, amount: number): Outcome {
    switch (hold.status) {
      case 'open':
        if (amount > hold.amount) return { ok: false, code: 'INVALID_INPUT' };
        hold.status = 'captured';
        hold.captured = amount;
        this.balances[hold.user] = this.balances[hold.user]! - amount;
        return { ok: true };
      case 'captured':
        return hold.captured === amount ? { ok: true } : { ok: false, code: 'CONFLICT' };
      default:
        return { ok: false, code: 'CONFLICT' };
    }
  }

  release(hold: ModelHold): Outcome {
    if (hold.status === 'captured') return { ok: false, code: 'CONFLICT' };
    if (hold.status === 'open') hold.status = 'released';
    return { ok: true };
  }

  /** Advances the clock and expires what is due; returns how many holds expired. */
  sweep(advanceSeconds: number): number {
    this.clockMs += advanceSeconds * 1000;
    let expired = 0;
    for (const hold of this.holds) {
      if (hold.status === 'open' && hold.expiresAt <= this.clockMs) {
        hold.status = 'expired';
        expired++;
      }
    }
    return expired;
  }
}
