import type { ServerContext } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  callBinding,
  openRequestState,
  requestStateCodec,
  requestStateTtlSeconds,
} from '../../src/server/mcp/input-required-state.js';

/** The sealed state of input-required sampling rounds: what it accepts and what it refuses. */
const context = {} as ServerContext;
const secret = async () => 'a-server-secret-of-at-least-32-characters';

describe('requestState of input-required sampling rounds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('round-trips the answers for the same user, tool and arguments, whatever the key order', async () => {
    const codec = await requestStateCodec({ requestStateSecret: secret });
    const call = callBinding('user-1', 'create_ad_creative', { product: 'lock', platforms: ['meta'] });
    const state = await codec.mint({ call, answers: { 'sampling-0': { role: 'assistant' } } }, context);
    const same = callBinding('user-1', 'create_ad_creative', { platforms: ['meta'], product: 'lock' });
    await expect(openRequestState(codec, state, same, context)).resolves.toEqual({
      call,
      answers: { 'sampling-0': { role: 'assistant' } },
    });
  });

  it('refuses another user, tool or arguments', async () => {
    const codec = await requestStateCodec({ requestStateSecret: secret });
    const state = await codec.mint({
      call: callBinding('user-1', 'analyze_market', { product: 'a' }),
      answers: {},
    });
    for (const binding of [
      callBinding('user-2', 'analyze_market', { product: 'a' }),
      callBinding('user-1', 'create_ad_creative', { product: 'a' }),
      callBinding('user-1', 'analyze_market', { product: 'b' }),
    ]) {
      await expect(openRequestState(codec, state, binding, context)).rejects.toMatchObject({
        code: -32602,
        message: expect.stringMatching(
          /^INVALID_INPUT: requestState: issued for another user, tool or arguments/,
        ),
      });
    }
  });

  it('refuses a state signed with another secret, and an altered one', async () => {
    const call = callBinding('user-1', 'analyze_market', {});
    const mine = await requestStateCodec({ requestStateSecret: secret });
    const theirs = await requestStateCodec({ requestStateSecret: async () => 'x'.repeat(40) });
    const foreign = await theirs.mint({ call, answers: {} });
    await expect(openRequestState(mine, foreign, call, context)).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('not issued by this server, or altered'),
    });
    const state = await mine.mint({ call, answers: {} });
    const [version, body, mac] = state.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { p: { answers: object } };
    payload.p.answers = { 'sampling-0': { role: 'assistant', content: { type: 'text', text: 'forged' } } };
    const altered = `${version}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    await expect(openRequestState(mine, altered, call, context)).rejects.toMatchObject({
      message: expect.stringContaining('not issued by this server, or altered'),
    });
  });

  it('instances sharing the secret accept each other’s states', async () => {
    const call = callBinding('user-1', 'analyze_market', {});
    const state = await (await requestStateCodec({ requestStateSecret: secret })).mint({ call, answers: {} });
    const again = await requestStateCodec({ requestStateSecret: async () => await secret() });
    await expect(openRequestState(again, state, call, context)).resolves.toMatchObject({ call });
  });

  it('refuses a state past its lifetime', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T10:00:00Z'));
    const codec = await requestStateCodec({ requestStateSecret: secret });
    const call = callBinding('user-1', 'analyze_market', {});
    const state = await codec.mint({ call, answers: {} });
    vi.setSystemTime(new Date(Date.parse('2026-11-30T10:00:00Z') + (requestStateTtlSeconds - 5) * 1000));
    await expect(openRequestState(codec, state, call, context)).resolves.toMatchObject({ call });
    vi.setSystemTime(new Date(Date.parse('2026-11-30T10:00:00Z') + (requestStateTtlSeconds + 5) * 1000));
    await expect(openRequestState(codec, state, call, context)).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining(
        `expired (a round must be answered within ${requestStateTtlSeconds} s)`,
      ),
    });
  });
});
