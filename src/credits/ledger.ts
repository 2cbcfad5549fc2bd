import type { Kysely } from 'kysely';
import type { LedgerEntry, Reservation, Tables } from '../db/tables.js';
import { type AccountBalance, accountBalance } from './account-balance.js';
import { type AccountStatement, accountStatement } from './account-statement.js';
import { type CaptureInput, capture } from './capture.js';
import { type GrantInput, grant } from './grant.js';
import { type HistoryOptions, ledgerHistory } from './ledger-history.js';
import { openAccount } from './open-account.js';
import { release } from './release.js';
import { type ReserveInput, reserve } from './reserve.js';
import { sweepExpiredHolds } from './sweep-expired-holds.js';

export type { AccountBalance, AccountStatement, CaptureInput, GrantInput, HistoryOptions, ReserveInput };

export interface CreditLedgerOptions {
  db: Kysely<Tables>;
  now?: () => Date;
  newId?: () => string;
  /** How long a hold lives before the sweeper may expire it. */
  holdTtlSeconds: number;
}

/**
 * The credits service: reserve → capture | release, grants, reads and the hold sweep.
 * Each mutation is one SQL statement, so it is atomic without an explicit transaction and
 * safe under READ COMMITTED; see docs/credits.md for the invariants and where they hold.
 */
export class CreditLedger {
  readonly db: Kysely<Tables>;
  readonly now: () => Date;
  private readonly newId: () => string;
  private readonly holdTtlSeconds: number;

  constructor(options: CreditLedgerOptions) {
    this.db = options.db;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.holdTtlSeconds = options.holdTtlSeconds;
  }

  /** Idempotent. Pass the caller's transaction to open the account together with the user. */
  openAccount(userId: string, executor: Kysely<Tables> = this.db): Promise<void> {
    return openAccount(executor, userId, this.now());
  }

  reserve(input: ReserveInput): Promise<Reservation> {
    return reserve(this.db, input, { now: this.now, newId: this.newId, holdTtlSeconds: this.holdTtlSeconds });
  }

  /** Pass the caller's transaction to capture together with what the call delivers. */
  capture(input: CaptureInput, executor: Kysely<Tables> = this.db): Promise<LedgerEntry> {
    return capture(executor, input, this.now());
  }

  release(reservationId: string): Promise<Reservation> {
    return release(this.db, reservationId, this.now());
  }

  grant(input: GrantInput): Promise<LedgerEntry> {
    return grant(this.db, input, this.now());
  }

  balance(userId: string): Promise<AccountBalance> {
    return accountBalance(this.db, userId);
  }

  history(userId: string, options: HistoryOptions): Promise<LedgerEntry[]> {
    return ledgerHistory(this.db, userId, options);
  }

  /** The balance and the newest `limit` entries in one query. */
  statement(userId: string, limit: number): Promise<AccountStatement> {
    return accountStatement(this.db, userId, limit);
  }

  /** Expires every open hold past its expires_at as of `now` (the ledger's clock by default). */
  sweepExpiredHolds(now: Date = this.now()): Promise<number> {
    return sweepExpiredHolds(this.db, now);
  }
}
