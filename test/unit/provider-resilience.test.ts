import { Message, type ModelStreamEvent, TextBlock } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { CircuitBreaker } from '../../src/providers/resilience/circuit-breaker.js';
import { type StartTimer, withDeadline } from '../../src/providers/resilience/deadline.js';
import { runWithFallback } from '../../src/providers/resilience/fallback.js';
import { ResilientChatModel } from '../../src/providers/resilience/resilient-chat-model.js';
import { backoffDelay, withRetry } from '../../src/providers/resilience/retry.js';
import { ScriptedChatModel } from '../fakes/scripted-chat-model.js';

const throttled = () => new AppError('RATE_LIMITED', 'bedrock: slow down', { retryable: true });
const badRequest = () => new AppError('PROVIDER_ERROR', 'bedrock: bad request', { retryable: false });
const noSleep = async () => {};
const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
const hello = [new Message({ role: 'user', content: [new TextBlock('hello')] })];

/** A timer the test fires by hand. */
function manualTimer() {
  const pending: (() => void)[] = [];
  const startTimer: StartTimer = (_ms, onExpire) => {
    pending.push(onExpire);
    return () => pending.splice(pending.indexOf(onExpire), 1);
  };
  return { startTimer, fire: () => pending.shift()?.() };
}

describe('retry', () => {
  it('retries throttling until success and never a bad request', async () => {
    let tries = 0;
    await expect(
      withRetry(async () => (++tries < 3 ? Promise.reject(throttled()) : 'ok'), policy, { sleep: noSleep }),
    ).resolves.toBe('ok');
    expect(tries).toBe(3);
    tries = 0;
    await expect(
      withRetry(
        async () => {
          tries++;
          throw badRequest();
        },
        policy,
        { sleep: noSleep },
      ),
    ).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(tries).toBe(1);
  });

  it('draws full jitter below the capped exponential ceiling and honours Retry-After', () => {
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(200);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 1, () => 0, 0.5)).toBe(500);
  });

  it('ends with CANCELLED when the signal aborts during the back-off', async () => {
    const controller = new AbortController();
    const sleep = async () => controller.abort();
    await expect(
      withRetry(() => Promise.reject(throttled()), policy, { signal: controller.signal, sleep }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('deadline', () => {
  it('fails with TIMEOUT at the deadline even if the operation ignores its signal, and aborts it', async () => {
    const { startTimer, fire } = manualTimer();
    let seen: AbortSignal | undefined;
    const call = withDeadline(
      (signal) => {
        seen = signal;
        return new Promise(() => {});
      },
      { timeoutMs: 50, startTimer },
    );
    fire();
    await expect(call).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(seen?.aborted).toBe(true);
  });

  it('fails with CANCELLED when the caller aborts first', async () => {
    const controller = new AbortController();
    const call = withDeadline(() => new Promise(() => {}), {
      timeoutMs: 50,
      signal: controller.signal,
      startTimer: manualTimer().startTimer,
    });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('circuit breaker', () => {
  it('opens after the threshold, fails fast, lets one trial through when half-open, and closes on success', async () => {
    let now = 0;
    const breaker = new CircuitBreaker('bedrock:qwen3', { failureThreshold: 2, openMs: 1_000 }, () => now);
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(throttled());
    };
    await expect(breaker.run(failing)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(breaker.run(failing)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(breaker.state()).toBe('open');
    await expect(breaker.run(failing)).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { reason: 'circuit-open' },
    });
    expect(calls).toBe(2);
    now = 1_000;
    expect(breaker.state()).toBe('half-open');
    await expect(breaker.run(async () => 'ok')).resolves.toBe('ok');
    expect(breaker.state()).toBe('closed');
  });

  it('does not count bad requests against the provider', async () => {
    const breaker = new CircuitBreaker('x', { failureThreshold: 1, openMs: 1_000 }, () => 0);
    await expect(breaker.run(() => Promise.reject(badRequest()))).rejects.toThrow();
    expect(breaker.state()).toBe('closed');
  });
});

describe('fallback', () => {
  it('skips unconfigured candidates, moves past failures and reports who served', async () => {
    const result = await runWithFallback([
      { id: 'a', missing: ['GEMINI_API_KEY'], run: async () => 'a' },
      { id: 'b', missing: [], run: () => Promise.reject(throttled()) },
      { id: 'c', missing: [], run: async () => 'c' },
    ]);
    expect(result).toMatchObject({ value: 'c', servedBy: 'c', failed: [{ id: 'b', code: 'RATE_LIMITED' }] });
  });

  it('stops on cancellation and names the variables when nothing is configured', async () => {
    await expect(
      runWithFallback([
        { id: 'a', missing: [], run: () => Promise.reject(new AppError('CANCELLED', 'x')) },
        { id: 'b', missing: [], run: async () => 'b' },
      ]),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      runWithFallback([{ id: 'veo', missing: ['GEMINI_API_KEY'], run: async () => 'x' }]),
    ).rejects.toMatchObject({
      code: 'PROVIDER_NOT_CONFIGURED',
      message: expect.stringContaining('GEMINI_API_KEY'),
    });
  });
});

describe('ResilientChatModel', () => {
  const breaker = () => new CircuitBreaker('test', { failureThreshold: 100, openMs: 1 }, () => 0);
  async function run(model: ResilientChatModel): Promise<{ text: string; events: ModelStreamEvent[] }> {
    const events: ModelStreamEvent[] = [];
    for await (const event of model.stream(hello)) events.push(event);
    const text = events
      .map((event) =>
        event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta'
          ? event.delta.text
          : '',
      )
      .join('');
    return { text, events };
  }

  it('retries a stream that failed before its first event and passes usage through', async () => {
    const inner = new ScriptedChatModel({
      turns: [{ error: throttled() }, { text: 'Buy now.', usage: { inputTokens: 9, outputTokens: 3 } }],
    });
    const model = new ResilientChatModel({
      candidates: [{ id: 'qwen3', model: inner, breaker: breaker() }],
      retry: policy,
      timeoutMs: 1_000,
      sleep: noSleep,
    });
    const { text, events } = await run(model);
    expect(text).toBe('Buy now.');
    expect(events.find((event) => event.type === 'modelMetadataEvent')).toMatchObject({
      usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12 },
    });
    expect(inner.calls).toHaveLength(2);
    expect(model.lastServedBy).toBe('qwen3');
  });

  it('never retries once text was streamed, so no text is duplicated', async () => {
    const inner = new ScriptedChatModel({
      turns: [{ error: throttled(), afterEvents: 3 }],
      text: 'Fresh bread at dawn.',
    });
    const model = new ResilientChatModel({
      candidates: [{ id: 'qwen3', model: inner, breaker: breaker() }],
      retry: policy,
      timeoutMs: 1_000,
      sleep: noSleep,
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of model.stream(hello))
          if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
            seen.push(event.delta.text);
      })(),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(inner.calls).toHaveLength(1);
    expect(seen).toEqual(['Fresh b']);
  });

  it('moves to the next candidate after a bad request, and times out a silent stream', async () => {
    const first = new ScriptedChatModel({ turns: [{ error: badRequest() }] });
    const second = new ScriptedChatModel({ text: 'From the fallback.' });
    const model = new ResilientChatModel({
      candidates: [
        { id: 'a', model: first, breaker: breaker() },
        { id: 'b', model: second, breaker: breaker() },
      ],
      retry: policy,
      timeoutMs: 1_000,
      sleep: noSleep,
    });
    expect((await run(model)).text).toBe('From the fallback.');
    expect(first.calls).toHaveLength(1);

    const { startTimer, fire } = manualTimer();
    const silent = new ResilientChatModel({
      candidates: [
        {
          id: 'slow',
          model: {
            stream: async function* () {
              await new Promise(() => {});
            },
          } as unknown as ScriptedChatModel,
          breaker: breaker(),
        },
      ],
      retry: { ...policy, maxAttempts: 1 },
      timeoutMs: 10,
      startTimer,
    });
    const pending = run(silent);
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    fire();
    await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
