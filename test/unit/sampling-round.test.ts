import { describe, expect, it } from 'vitest';
import { maxCompletionsPerCall, samplingRound } from '../../src/server/mcp/input-required-sampling.js';

const params = { messages: [], maxTokens: 10 };
const signal = new AbortController().signal;

describe('samplingRound: one input-required round of client sampling', () => {
  it('answers from the answers so far, and records the first missing one', async () => {
    const round = samplingRound({ 'sampling-0': { text: 'a' } });
    expect(await round.bridge.request(params, signal)).toEqual({ text: 'a' });
    await expect(round.bridge.request(params, signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect([...round.missing.keys()]).toEqual(['sampling-1']);
  });

  it(`stops a call that asks the client for more than ${maxCompletionsPerCall} completions`, async () => {
    const answers = Object.fromEntries(
      Array.from({ length: maxCompletionsPerCall + 1 }, (_, k) => [`sampling-${k}`, { text: String(k) }]),
    );
    const round = samplingRound(answers);
    for (let k = 0; k < maxCompletionsPerCall; k++)
      expect(await round.bridge.request(params, signal)).toEqual({ text: String(k) });
    const stopped = await round.bridge.request(params, signal).catch((error: unknown) => error);
    expect(stopped).toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(String((stopped as Error).message)).toMatch(`more than ${maxCompletionsPerCall} completions`);
    expect(round.missing.size).toBe(0);
  });
});
