import { createHash } from 'node:crypto';
import { claimToolCall, finishToolCall } from '../db/repositories/tool-calls.js';
import { AppError, toAppError } from '../errors/app-error.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';

export interface ChargedRun<Output> {
  /** Credits actually used (≤ the hold; more is capped at the hold). */
  cost: number;
  /** The hold stays open for a job that finishes later (video): the job captures or releases it. */
  settleLater?: boolean;
  /** Builds the answer once the charge is known. */
  answer(creditsCharged: number): Output;
}

export interface ChargedCallParams<Output> {
  /** The operation's public name (the MCP tool's), which an idempotency key is bound to. */
  operation: string;
  input: Record<string, unknown>;
  idempotencyKey: string | undefined;
  /** Credits held before the provider is called: the most this call may cost. */
  hold: number;
  provider: string;
  /** Holds for long calls (video) must outlive the call. */
  holdTtlSeconds?: number;
  run(context: { reservationId: string | undefined; signal: AbortSignal }): Promise<ChargedRun<Output>>;
}

export type ChargedCallDeps = Pick<
  CoreDeps,
  'db' | 'ledger' | 'rateLimiter' | 'logger' | 'clock' | 'inflight' | 'settings'
>;

function inputHash(operation: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _ignored, ...rest } = input;
  const canonical = JSON.stringify(rest, Object.keys(rest).sort());
  return createHash('sha256').update(`${operation}\n${canonical}`).digest('hex');
}

/**
 * The one path of every call that spends credits:
 * idempotency claim → rate limit → reserve → run → capture → remember the answer;
 * any failure or cancellation releases the hold and charges nothing.
 */
export function chargedCall<Output>(
  deps: ChargedCallDeps,
  caller: Caller,
  params: ChargedCallParams<Output>,
): Promise<Output> {
  return deps.inflight.track(runCharged(deps, caller, params));
}

async function runCharged<Output>(
  deps: ChargedCallDeps,
  caller: Caller,
  params: ChargedCallParams<Output>,
): Promise<Output> {
  const key = params.idempotencyKey;
  if (key !== undefined) {
    const staleBefore = new Date(deps.clock.now().getTime() - deps.settings.holdTtlSeconds * 1000);
    const claim = await claimToolCall(deps.db, {
      userId: caller.userId,
      key,
      tool: params.operation,
      inputHash: inputHash(params.operation, params.input),
      staleBefore,
      now: deps.clock.now(),
    });
    if (claim.state === 'done') return claim.result as Output;
    if (claim.state === 'running') {
      throw new AppError(
        'CONFLICT',
        `a call with idempotencyKey "${key}" is still running; ask again when it ends`,
        { retryable: true, retryAfterSeconds: 2 },
      );
    }
    if (claim.state === 'mismatch') {
      throw new AppError(
        'INVALID_INPUT',
        `idempotencyKey: "${key}" was already used for a different call (${claim.tool} with other arguments); use a new key`,
      );
    }
  }

  // A stopping server aborts its calls too, so each releases its hold before the process ends.
  const signal = AbortSignal.any([caller.signal, deps.inflight.signal]);
  let reservationId: string | undefined;
  try {
    deps.rateLimiter.take(caller.userId, params.provider);
    // A free model (the client's own, through sampling) holds and captures nothing.
    if (params.hold > 0) {
      const reservation = await deps.ledger.reserve({
        userId: caller.userId,
        amount: params.hold,
        idempotencyKey: `call:${deps.clock.newId()}`,
        purpose: params.operation,
        ...(params.holdTtlSeconds === undefined ? {} : { ttlSeconds: params.holdTtlSeconds }),
      });
      reservationId = reservation.id;
    }
    const result = await params.run({ reservationId, signal });
    // A started job owns its hold from here; cancelling the call no longer stops it.
    if (result.settleLater) reservationId = undefined;
    else signal.throwIfAborted();
    const charged = result.settleLater ? 0 : Math.min(Math.max(0, Math.ceil(result.cost)), params.hold);
    if (reservationId !== undefined) {
      await deps.ledger.capture({ reservationId, amount: charged });
      reservationId = undefined;
    }
    const answer = result.answer(charged);
    if (key !== undefined) {
      // Paid work is never thrown away: if the answer cannot be remembered, the caller still gets
      // it, and the key stays claimed, so a retry is refused rather than charged again.
      await finishToolCall(deps.db, {
        userId: caller.userId,
        key,
        status: 'succeeded',
        result: answer,
        now: deps.clock.now(),
      }).catch((error: unknown) => {
        deps.logger.error(
          { err: error, operation: params.operation },
          'the answer of a paid call could not be recorded',
        );
      });
    }
    return answer;
  } catch (error) {
    if (reservationId !== undefined) {
      await deps.ledger.release(reservationId).catch((releaseError: unknown) => {
        // The sweeper returns the hold later; nothing is lost.
        deps.logger.error(
          { err: releaseError, reservationId },
          'release failed; the sweeper will expire the hold',
        );
      });
    }
    if (key !== undefined) {
      await finishToolCall(deps.db, {
        userId: caller.userId,
        key,
        status: 'failed',
        now: deps.clock.now(),
      }).catch(() => undefined);
    }
    throw signal.aborted
      ? new AppError('CANCELLED', 'the call was cancelled', { cause: error })
      : toAppError(error);
  }
}
