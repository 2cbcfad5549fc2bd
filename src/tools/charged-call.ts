import { createHash, randomUUID } from 'node:crypto';
import { claimToolCall, finishToolCall } from '../db/repositories/tool-calls.js';
import { AppError, toAppError } from '../errors/app-error.js';
import type { ToolContext } from './tool-context.js';
import type { ToolAnswer } from './tool-definition.js';

export interface ChargedRun<Output> {
  /** Credits actually used (≤ the hold; more is capped at the hold). */
  cost: number;
  /** The hold stays open for a job that finishes later (video): the job captures or releases it. */
  settleLater?: boolean;
  /** Builds the answer once the charge is known. */
  answer(creditsCharged: number): ToolAnswer<Output>;
}

export interface ChargedCallParams<Output> {
  tool: string;
  input: Record<string, unknown>;
  idempotencyKey: string | undefined;
  /** Credits held before the provider is called: the most this call may cost. */
  hold: number;
  provider: string;
  /** Holds for long calls (video) must outlive the call. */
  holdTtlSeconds?: number;
  run(reservationId: string | undefined): Promise<ChargedRun<Output>>;
}

function inputHash(tool: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _ignored, ...rest } = input;
  const canonical = JSON.stringify(rest, Object.keys(rest).sort());
  return createHash('sha256').update(`${tool}\n${canonical}`).digest('hex');
}

/**
 * The one path of every call that spends credits:
 * idempotency claim → rate limit → reserve → run → capture → remember the answer;
 * any failure or cancellation releases the hold and charges nothing.
 */
export async function chargedCall<Output>(
  context: ToolContext,
  params: ChargedCallParams<Output>,
): Promise<ToolAnswer<Output>> {
  const { user, services } = context;
  const key = params.idempotencyKey;
  if (key !== undefined) {
    const claim = await claimToolCall(services.db, {
      userId: user.id,
      key,
      tool: params.tool,
      inputHash: inputHash(params.tool, params.input),
      staleBefore: new Date(Date.now() - services.config.credits.holdTtlSeconds * 1000),
    });
    if (claim.state === 'done') return claim.result as ToolAnswer<Output>;
    if (claim.state === 'running') {
      throw new AppError(
        'CONFLICT',
        `a call with idempotencyKey "${key}" is still running; ask again when it ends`,
        {
          retryable: true,
          retryAfterSeconds: 2,
        },
      );
    }
    if (claim.state === 'mismatch') {
      throw new AppError(
        'INVALID_INPUT',
        `idempotencyKey: "${key}" was already used for a different call (${claim.tool} with other arguments); use a new key`,
      );
    }
  }

  let reservationId: string | undefined;
  try {
    services.rateLimiter.take(user.id, params.provider);
    // A free model (the client's own, through sampling) holds and captures nothing.
    if (params.hold > 0) {
      const reservation = await services.ledger.reserve({
        userId: user.id,
        amount: params.hold,
        idempotencyKey: `call:${randomUUID()}`,
        purpose: params.tool,
        ...(params.holdTtlSeconds === undefined ? {} : { ttlSeconds: params.holdTtlSeconds }),
      });
      reservationId = reservation.id;
    }
    const result = await params.run(reservationId);
    // A started job owns its hold from here; cancelling the call no longer stops it.
    if (result.settleLater) reservationId = undefined;
    else context.signal.throwIfAborted();
    const charged = result.settleLater ? 0 : Math.min(Math.max(0, Math.ceil(result.cost)), params.hold);
    if (reservationId !== undefined) {
      await services.ledger.capture({ reservationId, amount: charged });
      reservationId = undefined;
    }
    const answer = result.answer(charged);
    if (key !== undefined)
      await finishToolCall(services.db, { userId: user.id, key, status: 'succeeded', result: answer });
    return answer;
  } catch (error) {
    if (reservationId !== undefined) {
      await services.ledger.release(reservationId).catch((releaseError: unknown) => {
        // The sweeper returns the hold later; nothing is lost.
        services.logger.error(
          { err: releaseError, reservationId },
          'release failed; the sweeper will expire the hold',
        );
      });
    }
    if (key !== undefined) {
      await finishToolCall(services.db, { userId: user.id, key, status: 'failed' }).catch(() => undefined);
    }
    throw context.signal.aborted
      ? new AppError('CANCELLED', 'the call was cancelled', { cause: error })
      : toAppError(error);
  }
}
