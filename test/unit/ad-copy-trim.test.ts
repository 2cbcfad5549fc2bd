import { describe, expect, it } from 'vitest';
import { repairVariant } from '../../src/agents/ad-copy-repair.js';
import {
  type AdVariant,
  checkVariant,
  normalizeCallToAction,
  trimAtWordBoundary,
} from '../../src/agents/ad-copy-schema.js';

describe('trimAtWordBoundary', () => {
  it('returns text that fits unchanged', () => {
    expect(trimAtWordBoundary('Fresh coffee, fast.', 19)).toBe('Fresh coffee, fast.');
  });

  it('cuts at the last word boundary inside the limit, never mid-word', () => {
    expect(trimAtWordBoundary('Fresh roasted coffee delivered weekly', 22)).toBe('Fresh roasted coffee');
  });

  it('drops dangling separators, dashes and opening brackets left at the end', () => {
    expect(trimAtWordBoundary('Save big, shop today', 10)).toBe('Save big');
    expect(trimAtWordBoundary('Great deals — shop today', 14)).toBe('Great deals');
    expect(trimAtWordBoundary('Try it (free for 30 days)', 8)).toBe('Try it');
  });

  it('keeps a sentence end', () => {
    expect(trimAtWordBoundary('Order now. Delivery tomorrow', 12)).toBe('Order now.');
  });

  it('cuts a single overlong word at a grapheme when no boundary exists', () => {
    expect(trimAtWordBoundary('Supercalifragilistic', 5)).toBe('Super');
  });

  it('never splits a grapheme cluster', () => {
    expect(trimAtWordBoundary('👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 2)).toBe('👨‍👩‍👧‍👦👨‍👩‍👧‍👦');
    expect(trimAtWordBoundary('Café au lait', 4)).toBe('Café');
  });

  it('counts double-width characters twice and cuts CJK between words', () => {
    expect(trimAtWordBoundary('今日は良い天気です', 9, 'double-width')).toBe('今日は');
  });
});

describe('checkVariant', () => {
  const fits: AdVariant = {
    platform: 'google',
    headline: 'Fresh Coffee Delivered',
    primaryText: 'Roasted this week, at your door by Friday.',
    description: 'Cancel any time.',
    callToAction: 'SHOP_NOW',
  };

  it('passes a variant within the limits', () => {
    expect(checkVariant(fits)).toEqual([]);
  });

  it('lists every field over its limit with its length, limit and unit', () => {
    const overshoots = checkVariant({ ...fits, headline: 'x'.repeat(31), description: 'y'.repeat(95) });
    expect(overshoots).toEqual([
      { platform: 'google', field: 'headline', kind: 'too-long', length: 31, max: 30, unit: 'double-width' },
      {
        platform: 'google',
        field: 'description',
        kind: 'too-long',
        length: 95,
        max: 90,
        unit: 'double-width',
      },
    ]);
  });

  it('flags a call to action outside the platform list', () => {
    const [overshoot] = checkVariant({ ...fits, callToAction: 'Buy it!' });
    expect(overshoot).toMatchObject({ field: 'callToAction', kind: 'not-allowed' });
  });

  it('normalizes spelled-out calls to action onto the list', () => {
    expect(normalizeCallToAction('meta', 'Learn more')).toBe('LEARN_MORE');
    expect(normalizeCallToAction('meta', 'shop-now')).toBe('SHOP_NOW');
    expect(normalizeCallToAction('meta', 'Grab it')).toBe('Grab it');
    expect(normalizeCallToAction('x', '  Try it free  ')).toBe('Try it free');
  });

  it('repairs an overshooting variant so it passes, naming each change', () => {
    const { variant, repairs } = repairVariant(
      { ...fits, headline: 'Fresh coffee delivered to your door', callToAction: 'Grab it' },
      0,
    );
    expect(checkVariant(variant)).toEqual([]);
    expect(variant.headline).toBe('Fresh coffee delivered to your');
    expect(variant.callToAction).toBe('LEARN_MORE');
    expect(repairs).toEqual([
      'google variant 1 headline trimmed from 35 to 30 (limit 30)',
      'google variant 1 callToAction "Grab it" is not allowed; used LEARN_MORE',
    ]);
  });
});
