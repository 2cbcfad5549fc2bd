import { Message, TextBlock } from '@strands-agents/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { mapVendorFailure } from '../../src/providers/provider-error.js';
import { CircuitBreaker } from '../../src/providers/resilience/circuit-breaker.js';
import { ResilientChatModel } from '../../src/providers/resilience/resilient-chat-model.js';
import { resilientImageModel } from '../../src/providers/resilience/resilient-image-model.js';
import { isRetryable } from '../../src/providers/resilience/retry.js';
import { ScriptedChatModel, type ScriptedTurn } from '../fakes/scripted-chat-model.js';
import { ScriptedImageModel } from '../fakes/scripted-image-model.js';

// Faults as the adapters produce them: through the one vendor→code table.
const faults = {
  throttle: () =>
    mapVendorFailure({
      provider: 'bedrock',
      status: 429,
      vendorCode: 'ThrottlingException',
      message: 'slow down',
    }),
  server: () => mapVendorFailure({ provider: 'gemini', status: 503, message: 'unavailable' }),
  timeout: () => mapVendorFailure({ provider: 'sagemaker', status: 504, message: 'timed out' }),
  badRequest: () =>
    mapVendorFailure({
      provider: 'bedrock',
      status: 400,
      vendorCode: 'ValidationException',
      message: 'bad input',
    }),
  auth: () =>
    mapVendorFailure({
      provider: 'bedrock',
      status: 403,
      vendorCode: 'AccessDeniedException',
      message: 'denied',
    }),
};
type Fault = keyof typeof faults;
const faultArbitrary = fc.constantFrom<Fault>('throttle', 'server', 'timeout', 'badRequest', 'auth');
const hello = [new Message({ role: 'user', content: [new TextBlock('hello')] })];

/** What the retry budget promises for a fault sequence followed by a success. */
function expectedOutcome(
  sequence: Fault[],
  maxAttempts: number,
): { succeeds: boolean; tries: number; code?: string } {
  for (let index = 0; index < sequence.length; index++) {
    const fault = faults[sequence[index] as Fault]();
    if (!fault.retryable || index + 1 >= maxAttempts)
      return { succeeds: false, tries: index + 1, code: fault.code };
  }
  return { succeeds: true, tries: sequence.length + 1 };
}

describe('property 6: any fault sequence ends in success within the budget or a typed error', () => {
  it('holds for image calls through the resilient wrapper', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(faultArbitrary, { maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (sequence, maxAttempts, jitter) => {
          const inner = new ScriptedImageModel({ failures: sequence.map((fault) => faults[fault]()) });
          const delays: number[] = [];
          const model = resilientImageModel(inner, {
            retry: { maxAttempts, baseDelayMs: 100, maxDelayMs: 1_000 },
            timeoutMs: 60_000,
            breaker: new CircuitBreaker('property', { failureThreshold: 1_000, openMs: 1 }, () => 0),
            sleep: async (ms) => void delays.push(ms),
            random: () => jitter,
          });
          const expected = expectedOutcome(sequence, maxAttempts);
          const outcome = await model.generate({ prompt: 'p', aspectRatio: '1:1', count: 1 }).then(
            (images) => ({ ok: true as const, images }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          expect(inner.requests.length).toBe(expected.tries);
          expect(inner.requests.length).toBeLessThanOrEqual(maxAttempts);
          expect(delays.length).toBe(expected.tries - 1);
          for (const delay of delays) expect(delay >= 0 && delay <= 1_000).toBe(true);
          if (expected.succeeds) {
            expect(outcome.ok).toBe(true);
          } else {
            expect(outcome.ok).toBe(false);
            if (!outcome.ok) {
              expect(outcome.error).toBeInstanceOf(AppError);
              expect((outcome.error as AppError).code).toBe(expected.code);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('holds for chat streams, which never repeat text already streamed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ fault: faultArbitrary, afterEvents: fc.constantFrom(0, 0, 3) }), {
          maxLength: 5,
        }),
        fc.integer({ min: 1, max: 4 }),
        async (sequence, maxAttempts) => {
          const turns: ScriptedTurn[] = sequence.map(({ fault, afterEvents }) => ({
            error: faults[fault](),
            afterEvents,
          }));
          const inner = new ScriptedChatModel({ turns, text: 'Fresh bread, baked at dawn.' });
          const model = new ResilientChatModel({
            candidates: [
              {
                id: 'qwen3',
                model: inner,
                breaker: new CircuitBreaker('p', { failureThreshold: 1_000, openMs: 1 }, () => 0),
              },
            ],
            retry: { maxAttempts, baseDelayMs: 1, maxDelayMs: 10 },
            timeoutMs: 60_000,
            sleep: async () => {},
          });
          let text = '';
          const error = await (async () => {
            for await (const event of model.stream(hello))
              if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
                text += event.delta.text;
          })().then(
            () => undefined,
            (caught: unknown) => caught,
          );
          // Expected: retry only while nothing was streamed and the fault is retryable.
          let tries = 0;
          let expectedError: AppError | undefined;
          for (const [index, step] of sequence.entries()) {
            tries = index + 1;
            const fault = turns[index] as { error: AppError };
            if (step.afterEvents > 0 || !isRetryable(fault.error) || tries >= maxAttempts) {
              expectedError = fault.error;
              break;
            }
          }
          if (expectedError === undefined) tries = sequence.length + 1;
          expect(inner.calls.length).toBe(tries);
          expect(tries).toBeLessThanOrEqual(maxAttempts);
          if (expectedError === undefined) {
            expect(error).toBeUndefined();
            expect(text).toBe('Fresh bread, baked at dawn.');
          } else {
            expect(error).toBe(expectedError);
            expect('Fresh bread, baked at dawn.'.startsWith(text)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('circuit breaker', () => {
  it('never calls a provider while open, lets one trial through after openMs, and closes only on success', async () => {
    const step = fc.record({
      advanceMs: fc.constantFrom(0, 0, 100, 600, 1_000),
      outcome: fc.constantFrom('ok', 'fail', 'bad'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        async (steps, threshold) => {
          let now = 0;
          const openMs = 1_000;
          const breaker = new CircuitBreaker(
            'bedrock:qwen3',
            { failureThreshold: threshold, openMs },
            () => now,
          );
          let consecutive = 0;
          let openedAt: number | undefined;
          for (const { advanceMs, outcome } of steps) {
            now += advanceMs;
            const stateBefore = breaker.state();
            let invoked = false;
            const error = await breaker
              .run(async () => {
                invoked = true;
                if (outcome === 'fail') throw faults.server();
                if (outcome === 'bad') throw faults.badRequest();
                return 'ok';
              })
              .then(
                () => undefined,
                (caught: unknown) => caught as AppError,
              );
            if (stateBefore === 'open') {
              expect(invoked).toBe(false);
              expect(error?.details?.reason).toBe('circuit-open');
              expect(error?.retryable).toBe(true);
              expect(openedAt !== undefined && now - openedAt < openMs).toBe(true);
              continue;
            }
            expect(invoked).toBe(true);
            if (outcome === 'ok') {
              consecutive = 0;
              expect(breaker.state()).toBe('closed');
            } else if (outcome === 'fail') {
              consecutive++;
              if (stateBefore === 'half-open' || consecutive >= threshold) {
                openedAt = now;
                expect(breaker.state()).toBe('open');
              }
            }
            if (stateBefore === 'half-open' && outcome === 'bad') expect(breaker.state()).toBe('half-open');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
