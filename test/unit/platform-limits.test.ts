import { describe, expect, it } from 'vitest';
import { adPlatforms, adTextFields } from '../../src/agents/ad-platforms.js';
import { platformLimits } from '../../src/agents/platform-limits.js';
import { measureText } from '../../src/agents/text-measure.js';

describe('platform limits', () => {
  it('covers every platform with every field, a positive limit and an https source', () => {
    expect(Object.keys(platformLimits).sort()).toEqual([...adPlatforms].sort());
    for (const platform of adPlatforms) {
      const limits = platformLimits[platform];
      expect(limits.platform).toBe(platform);
      for (const field of [...adTextFields, 'callToAction'] as const) {
        expect(limits[field].max, `${platform} ${field}`).toBeGreaterThan(0);
        expect(limits[field].source, `${platform} ${field}`).toMatch(/^https:\/\//);
        expect(limits[field].maps.length, `${platform} ${field}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the Google responsive search ad limits: headline 30, descriptions 90, all hard', () => {
    const google = platformLimits.google;
    expect([google.headline.max, google.primaryText.max, google.description.max]).toEqual([30, 90, 90]);
    expect([google.headline.kind, google.primaryText.kind, google.description.kind]).toEqual([
      'hard',
      'hard',
      'hard',
    ]);
  });

  it('gives truncation limits a hard maximum no lower than the truncation point', () => {
    for (const platform of adPlatforms) {
      for (const field of adTextFields) {
        const limit = platformLimits[platform][field];
        if (limit.hardMax !== undefined) expect(limit.hardMax).toBeGreaterThanOrEqual(limit.max);
      }
    }
  });

  it('lists call-to-action values that fit the field and a fallback taken from the list', () => {
    for (const platform of adPlatforms) {
      const cta = platformLimits[platform].callToAction;
      if (!cta.values) continue;
      expect(cta.values).toContain(cta.fallback);
      for (const value of cta.values) expect(value).toMatch(/^[A-Z_]+$/);
      for (const value of cta.values) expect(measureText(value)).toBeLessThanOrEqual(cta.max);
    }
    expect(platformLimits.meta.callToAction.values).toContain('SHOP_NOW');
    expect(platformLimits.x.callToAction.values).toBeUndefined();
  });
});

describe('measureText', () => {
  it('counts an emoji made of several code points as one grapheme', () => {
    expect(measureText('👨‍👩‍👧‍👦', 'grapheme')).toBe(1);
    expect(measureText('🇩🇪 ok', 'grapheme')).toBe(4);
    expect(measureText('é', 'grapheme')).toBe(1); // e + combining acute
  });

  it('counts CJK as two for double-width platforms and Latin as one', () => {
    expect(measureText('買い物', 'double-width')).toBe(6);
    expect(measureText('Shop 今日', 'double-width')).toBe(9);
    expect(measureText('👍', 'double-width')).toBe(1);
  });

  it('weighs emoji and CJK as two on X, Latin and common punctuation as one', () => {
    expect(measureText('Hi — “ok”', 'x-weighted')).toBe(9);
    expect(measureText('👍🏽', 'x-weighted')).toBe(2);
    expect(measureText('今日', 'x-weighted')).toBe(4);
  });
});
