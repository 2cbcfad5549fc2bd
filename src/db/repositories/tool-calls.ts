import type { Database } from '../database.js';

export type ToolCallClaim =
  | { state: 'claimed' }
  | { state: 'done'; result: unknown }
  | { state: 'running' }
  | { state: 'mismatch'; tool: string };

/**
 * Claims an idempotency key for one call. The primary key makes the claim atomic: of any
 * number of concurrent calls with one key, exactly one is `claimed`; a failed call's key
 * may be claimed again.
 */
export async function claimToolCall(
  db: Database,
  call: { userId: string; key: string; tool: string; inputHash: string; staleBefore: Date; now: Date },
): Promise<ToolCallClaim> {
  const inserted = await db
    .insertInto('tool_calls')
    .values({
      user_id: call.userId,
      idempotency_key: call.key,
      tool: call.tool,
      input_hash: call.inputHash,
      status: 'running',
      result: null,
      created_at: call.now,
      updated_at: call.now,
    })
    .onConflict((conflict) => conflict.columns(['user_id', 'idempotency_key']).doNothing())
    .returning('status')
    .executeTakeFirst();
  if (inserted !== undefined) return { state: 'claimed' };

  const existing = await db
    .selectFrom('tool_calls')
    .selectAll()
    .where('user_id', '=', call.userId)
    .where('idempotency_key', '=', call.key)
    .executeTakeFirstOrThrow();
  if (existing.tool !== call.tool || existing.input_hash !== call.inputHash)
    return { state: 'mismatch', tool: existing.tool };
  if (existing.status === 'succeeded') return { state: 'done', result: existing.result };
  if (existing.status === 'running' && new Date(existing.updated_at) >= call.staleBefore)
    return { state: 'running' };
  // A failed call, or one whose process died long ago (its hold has expired too), may run again.
  const reclaimed = await db
    .updateTable('tool_calls')
    .set({ status: 'running', updated_at: call.now })
    .where('user_id', '=', call.userId)
    .where('idempotency_key', '=', call.key)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'failed'),
        eb.and([eb('status', '=', 'running'), eb('updated_at', '<', call.staleBefore)]),
      ]),
    )
    .returning('status')
    .executeTakeFirst();
  return reclaimed === undefined ? { state: 'running' } : { state: 'claimed' };
}
export async function finishToolCall(
  db: Database,
  call: { userId: string; key: string; status: 'succeeded' | 'failed'; result?: unknown; now: Date },
): Promise<void> {
  await db
    .updateTable('tool_calls')
    .set({
      status: call.status,
      result: call.result === undefined ? null : JSON.stringify(call.result),
      updated_at: call.now,
    })
    .where('user_id', '=', call.userId)
    .where('idempotency_key', '=', call.key)
    .execute();
}
