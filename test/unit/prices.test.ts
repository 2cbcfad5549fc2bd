import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatCost, imageCost, type Price, reserveAmount, videoCost } from '../../src/credits/prices.js';

const chat: Extract<Price, { unit: 'tokens' }> = {
  unit: 'tokens',
  inputPer1k: 3,
  outputPer1k: 15,
  reserve: 50,
};

describe('prices', () => {
  it('charges whole credits, rounding a call up once, never down to zero', () => {
    expect(chatCost(chat, { inputTokens: 1, outputTokens: 0 })).toBe(1);
    expect(chatCost(chat, { inputTokens: 0, outputTokens: 0 })).toBe(0);
    // 1,000 in at 3 + 1,000 out at 15 is exactly 18: no rounding.
    expect(chatCost(chat, { inputTokens: 1000, outputTokens: 1000 })).toBe(18);
    // 334 in (1.002) + 0 out rounds up to 2; rounding per part would give the same here,
    expect(chatCost(chat, { inputTokens: 334, outputTokens: 0 })).toBe(2);
    // but 500 in (1.5) + 100 out (1.5) is 3 exactly, where per-part rounding would say 4.
    expect(chatCost(chat, { inputTokens: 500, outputTokens: 100 })).toBe(3);
  });

  it('rounds chat costs up to the exact ceiling for any usage', () => {
    fc.assert(
      fc.property(fc.nat(2_000_000), fc.nat(2_000_000), (inputTokens, outputTokens) => {
        const cost = chatCost(chat, { inputTokens, outputTokens });
        const milli = inputTokens * 3 + outputTokens * 15;
        expect(Number.isInteger(cost)).toBe(true);
        expect(cost * 1000).toBeGreaterThanOrEqual(milli);
        expect((cost - 1) * 1000).toBeLessThan(milli);
      }),
    );
  });

  it('prices images per image and video per second, rounding partial seconds up', () => {
    expect(imageCost({ unit: 'image', perImage: 4 }, 3)).toBe(12);
    expect(videoCost({ unit: 'video-second', perSecond: 10 }, 5)).toBe(50);
    expect(videoCost({ unit: 'video-second', perSecond: 3 }, 2.5)).toBe(8);
  });

  it('reserves the worst case a call may capture', () => {
    expect(reserveAmount(chat, 1)).toBe(50);
    expect(reserveAmount({ unit: 'image', perImage: 4 }, 2)).toBe(8);
    expect(reserveAmount({ unit: 'video-second', perSecond: 3 }, 2.5)).toBe(8);
  });
});
