import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimToolCall, finishToolCall } from '../../src/db/repositories/tool-calls.js';
import { insertUser } from '../../src/db/repositories/users.js';
import { engines, type TestDatabase } from '../support/test-database.js';

describe.each(engines)('idempotency claims on %s', (engine) => {
  let test: TestDatabase;
  let userId: string;
  const fresh = () => new Date(Date.now() - 60_000);

  beforeAll(async () => {
    test = await engine.create();
    userId = (await insertUser(test.db, { id: randomUUID(), email: `claims-${randomUUID()}@example.com` }))
      .id;
  }, 120_000);
  afterAll(() => test?.close());

  it('of 50 concurrent calls with one key exactly one runs; the rest see it running, then its answer', async () => {
    const call = {
      userId,
      key: 'k-race',
      tool: 'generate_image',
      inputHash: 'h1',
      staleBefore: fresh(),
      now: new Date(),
    };
    const claims = await Promise.all(Array.from({ length: 50 }, () => claimToolCall(test.db, call)));
    expect(claims.filter((claim) => claim.state === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.state === 'running')).toHaveLength(49);
    await finishToolCall(test.db, {
      userId,
      key: 'k-race',
      status: 'succeeded',
      result: { answer: 42 },
      now: new Date(),
    });
    expect(await claimToolCall(test.db, call)).toEqual({ state: 'done', result: { answer: 42 } });
  });

  it('refuses the key for other arguments, and lets a failed or long-dead call run again', async () => {
    const call = {
      userId,
      key: 'k-retry',
      tool: 'generate_image',
      inputHash: 'h1',
      staleBefore: fresh(),
      now: new Date(),
    };
    expect(await claimToolCall(test.db, call)).toEqual({ state: 'claimed' });
    expect(await claimToolCall(test.db, { ...call, inputHash: 'h2' })).toEqual({
      state: 'mismatch',
      tool: 'generate_image',
    });
    await finishToolCall(test.db, { userId, key: 'k-retry', status: 'failed', now: new Date() });
    expect(await claimToolCall(test.db, call)).toEqual({ state: 'claimed' });
    expect(await claimToolCall(test.db, call)).toEqual({ state: 'running' });
    // Its process died: once the row is older than the hold lifetime, the key is free again.
    expect(await claimToolCall(test.db, { ...call, staleBefore: new Date(Date.now() + 1000) })).toEqual({
      state: 'claimed',
    });
  });
});
