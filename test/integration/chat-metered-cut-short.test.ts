import type { Message, Model, ModelStreamEvent } from '@strands-agents/sdk';
import { describe, expect, it } from 'vitest';
import { createMeteredModel, requestBytes } from '../../src/core/metered-model.js';
import type { TokenPrice } from '../../src/credits/prices.js';
import { AppError } from '../../src/errors/app-error.js';

const price: TokenPrice = { unit: 'tokens', inputPer1k: 3, outputPer1k: 15, reserve: 150 };
const messages = [
  { role: 'user', content: [{ text: 'Write a tagline for bike locks' }] },
] as unknown as Message[];
const options = { systemPrompt: 'You write ads.' };

/** A provider that answers with `deltas`, then waits forever (as a slow model does), or ends with usage. */
function provider(deltas: string[], end: 'hang' | { inputTokens: number; outputTokens: number }): Model {
  return {
    async *stream(): AsyncGenerator<ModelStreamEvent> {
      yield { type: 'modelMessageStartEvent', role: 'assistant' } as ModelStreamEvent;
      for (const text of deltas)
        yield { type: 'modelContentBlockDeltaEvent', delta: { type: 'textDelta', text } } as ModelStreamEvent;
      if (end === 'hang') return await new Promise<void>(() => undefined);
      yield { type: 'modelMetadataEvent', usage: { ...end, totalTokens: 0 } } as ModelStreamEvent;
    },
  } as unknown as Model;
}

async function metered(model: Model, budget = 1000) {
  return createMeteredModel({
    open: async () => model,
    servedPrice: () => price,
    boundPrice: price,
    budget,
    maxOutputTokens: 4096,
    exhausted: () => new AppError('INSUFFICIENT_CREDITS', 'spent'),
  });
}

/** Reads `count` events of one call, then stops reading, as Strands does when the turn is cancelled. */
async function readThenLeave(model: Awaited<ReturnType<typeof metered>>, count: number, close: boolean) {
  const stream = model.stream(messages, options) as AsyncGenerator<ModelStreamEvent>;
  for (let index = 0; index < count; index++) await stream.next();
  if (close) await stream.return(undefined);
}

describe('a metered chat call cut short is charged what it used', () => {
  const inputTokens = Math.ceil(requestBytes(messages, options) / 4);

  for (const close of [false, true]) {
    it(`charges request bytes / 4 in and the streamed text's bytes / 4 out (${close ? 'generator closed' : 'abandoned'})`, async () => {
      const model = await metered(provider(['Locks that ', 'outlast ', 'the thief.', ' More'], 'hang'));
      await readThenLeave(model, 4, close);
      const outputTokens = Math.ceil('Locks that outlast the thief.'.length / 4);
      expect(model.cutShort()).toEqual({ inputTokens, outputTokens });
      expect(model.spent()).toBe(Math.ceil((inputTokens * 3 + outputTokens * 15) / 1000));
    });
  }

  it('counts at least one token per delta', async () => {
    const model = await metered(provider(['a', 'b', 'c', 'd', 'e', 'f'], 'hang'));
    await readThenLeave(model, 7, true);
    expect(model.cutShort()?.outputTokens).toBe(6);
  });

  it('charges nothing when the provider never answered', async () => {
    const silent = {
      stream: async function* () {
        await new Promise(() => undefined);
      },
    } as unknown as Model;
    const model = await metered(silent);
    const stream = model.stream(messages, options) as AsyncGenerator<ModelStreamEvent>;
    void stream.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(model.cutShort()).toBeUndefined();
    expect(model.spent()).toBe(0);
  });

  it('a finished call is charged the usage the provider reported, not an estimate', async () => {
    const model = await metered(provider(['Done.'], { inputTokens: 900, outputTokens: 100 }));
    for await (const _event of model.stream(messages, options)) {
      // read to the end
    }
    expect(model.cutShort()).toBeUndefined();
    expect(model.spent()).toBe(Math.ceil((900 * 3 + 100 * 15) / 1000));
  });

  it('never counts more output than the call was capped at, and a later call sees the charge once', async () => {
    const long = Array.from({ length: 1000 }, () => 'words ');
    const model = await metered(provider(long, 'hang'), 12);
    await readThenLeave(model, 1001, false);
    // The cap: (12 credits less the input bound) / 15 per 1k, rounded down to 768.
    expect(model.cutShort()?.outputTokens).toBe(768);
    const first = model.spent();
    expect(first).toBeLessThanOrEqual(12);
    // The next call settles the abandoned one and is refused for want of budget: nothing counted twice.
    await expect(
      (model.stream(messages, options) as AsyncGenerator<ModelStreamEvent>).next(),
    ).rejects.toThrow(/spent/);
    expect(model.spent()).toBe(first);
  });
});
