import { createHash } from 'node:crypto';
import { inTransaction } from '../db/in-transaction.js';
import { revealAssets } from '../db/repositories/assets.js';
import { claimToolCall, finishToolCall } from '../db/repositories/tool-calls.js';
import { AppError, toAppError } from '../errors/app-error.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { discardCallAssets } from './pending-assets.js';
import { replayAnswer } from './replay.js';
import { cleanText, unstorableTextAt } from './storable-text.js';

export interface ChargedRun<Output> {
  /** Credits actually used (≤ the hold; more is capped at the hold, and logged). */
  cost: number;
  /** The hold stays open for a job that finishes later (video): the job captures or releases it. */
  settleLater?: boolean;
  /** Builds the answer once the charge is known. */
  answer(creditsCharged: number): Output;
}

export interface RunContext {
  reservationId: string | undefined;
  /** The caller's signal, also aborted when the process stops. */
  signal: AbortSignal;
  /** Names this call: assets stored with `pendingCall: callId` stay hidden until its capture commits. */
  callId: string;
  /** The credits held: the most this call may cost. */
  hold: number;
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
  run(context: RunContext): Promise<ChargedRun<Output>>;
}

export type ChargedCallDeps = Pick<
  CoreDeps,
  'db' | 'ledger' | 'rateLimiter' | 'logger' | 'clock' | 'inflight' | 'settings' | 'storage'
>;

function inputHash(operation: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _ignored, ...rest } = input;
  const canonical = JSON.stringify(rest, Object.keys(rest).sort());
  return createHash('sha256').update(`${operation}\n${canonical}`).digest('hex');
}

/** Refuses, before anything runs, text the database could not keep. */
export function assertStorableInput(input: Record<string, unknown>): void {
  const field = unstorableTextAt(input);
  if (field !== undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `${field}: contains a NUL character or a lone surrogate (broken UTF-16); remove it and send valid text`,
    );
  }
}

/**
 * The one path of every call that spends credits:
 * check the text → idempotency claim → rate limit → reserve → run → one transaction that
 * captures the charge, reveals what the call stored and records its answer.
 * Any failure or cancellation releases the hold, removes what the call stored and charges nothing.
 */
export function chargedCall<Output>(
  deps: ChargedCallDeps,
  caller: Caller,
  params: ChargedCallParams<Output>,
): Promise<Output> {
  return deps.inflight.track(runCharged(deps, caller, params));
}

async function claim(deps: ChargedCallDeps, caller: Caller, params: ChargedCallParams<unknown>, key: string) {
  const staleBefore = new Date(deps.clock.now().getTime() - deps.settings.holdTtlSeconds * 1000);
  const claimed = await claimToolCall(deps.db, {
    userId: caller.userId,
    key,
    tool: params.operation,
    inputHash: inputHash(params.operation, params.input),
    staleBefore,
    now: deps.clock.now(),
  });
  if (claimed.state === 'running') {
    throw new AppError(
      'CONFLICT',
      `a call with idempotencyKey "${key}" is still running; ask again when it ends`,
      {
        retryable: true,
        retryAfterSeconds: 2,
      },
    );
  }
  if (claimed.state === 'mismatch') {
    throw new AppError(
      'INVALID_INPUT',
      `idempotencyKey: "${key}" was already used for a different call (${claimed.tool} with other arguments); use a new key`,
    );
  }
  return claimed;
}

async function runCharged<Output>(
  deps: ChargedCallDeps,
  caller: Caller,
  params: ChargedCallParams<Output>,
): Promise<Output> {
  assertStorableInput(params.input);
  const key = params.idempotencyKey;
  if (key !== undefined) {
    const claimed = await claim(deps, caller, params as ChargedCallParams<unknown>, key);
    if (claimed.state === 'done') return replayAnswer<Output>(deps, caller, claimed.result);
  }

  // A stopping server aborts its calls too, so each releases its hold before the process ends.
  const signal = AbortSignal.any([caller.signal, deps.inflight.signal]);
  const callId = deps.clock.newId();
  let reservationId: string | undefined;
  try {
    deps.rateLimiter.take(caller.userId, params.provider);
    // A free model (the client's own, through sampling) holds and captures nothing.
    if (params.hold > 0) {
      const reservation = await deps.ledger.reserve({
        userId: caller.userId,
        amount: params.hold,
        idempotencyKey: `call:${callId}`,
        purpose: params.operation,
        ...(params.holdTtlSeconds === undefined ? {} : { ttlSeconds: params.holdTtlSeconds }),
      });
      reservationId = reservation.id;
    }
    const result = await params.run({ reservationId, signal, callId, hold: params.hold });
    // A started job owns its hold from here; cancelling the call no longer stops it.
    if (result.settleLater) reservationId = undefined;
    else signal.throwIfAborted();
    const cost = Math.max(0, Math.ceil(result.cost));
    if (cost > params.hold) {
      deps.logger.warn(
        { operation: params.operation, cost, hold: params.hold },
        'a call cost more than its hold; charged the hold',
      );
    }
    const charged = result.settleLater ? 0 : Math.min(cost, params.hold);
    const answer = cleanText(result.answer(charged));
    const capturing = reservationId;
    // The charge, what the call delivers and its recorded answer commit together or not at all.
    await inTransaction(deps.db, async (trx) => {
      if (capturing !== undefined)
        await deps.ledger.capture({ reservationId: capturing, amount: charged }, trx);
      await revealAssets(trx, callId);
      if (key !== undefined) {
        await finishToolCall(trx, {
          userId: caller.userId,
          key,
          status: 'succeeded',
          result: answer,
          now: deps.clock.now(),
        });
      }
    });
    return answer;
  } catch (error) {
    if (reservationId !== undefined) {
      await deps.ledger.release(reservationId).catch((releaseError: unknown) => {
        // A job that took the hold over, or a capture that did commit, leaves nothing to release.
        deps.logger.warn(
          { err: releaseError, reservationId },
          'release failed; the sweeper will expire the hold if it is still open',
        );
      });
    }
    await discardCallAssets(deps, callId).catch((discardError: unknown) =>
      deps.logger.warn(
        { err: discardError, callId },
        'could not remove what a failed call stored; the sweeper will',
      ),
    );
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
