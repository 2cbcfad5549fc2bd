import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairVariant } from '../../src/agents/ad-copy-repair.js';
import { type AdVariant, checkVariant, trimAtWordBoundary } from '../../src/agents/ad-copy-schema.js';
import { adPlatforms, type LengthUnit } from '../../src/agents/ad-platforms.js';
import { graphemes, measureText } from '../../src/agents/text-measure.js';

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Offsets strictly inside a word-like segment: cutting there splits a word. */
function insideWord(text: string, offset: number): boolean {
  for (const segment of wordSegmenter.segment(text)) {
    if (segment.isWordLike && offset > segment.index && offset < segment.index + segment.segment.length)
      return true;
  }
  return false;
}

// Words, spaces, punctuation, CJK and multi-code-point emoji, so every rule gets exercised.
const piece = fc.oneof(
  fc.constantFrom('coffee', 'Fresh', 'delivered', 'x', 'supercalifragilistic', '50%', "don't", 'e.g.'),
  fc.constantFrom(' ', '  ', ', ', ' — ', '. ', '! ', ' (', ') ', ': ', '-', '\n'),
  fc.constantFrom('今日は', '天気', 'です。', '한국어', '👍🏽', '👨‍👩‍👧‍👦', '🇩🇪', 'é'),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
const unit = fc.constantFrom<LengthUnit>('grapheme', 'double-width', 'x-weighted');

describe('trimAtWordBoundary (property)', () => {
  it('fits the limit, is a grapheme-aligned prefix and ends at a word boundary when one exists', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 120 }), unit, (input, max, lengthUnit) => {
        const result = trimAtWordBoundary(input, max, lengthUnit);
        expect(measureText(result, lengthUnit)).toBeLessThanOrEqual(max);
        expect(input.startsWith(result)).toBe(true);
        const kept = graphemes(result);
        expect(graphemes(input).slice(0, kept.length)).toEqual(kept);
        if (result === input) return;
        expect(result).not.toMatch(/[\s,;:(\-–—]$/u);
        // Dangling punctuation stripped after a boundary may have been glued to a word ("0_"): skip past it.
        let end = result.length;
        while (insideWord(input, end) && /[\s\p{P}]/u.test(input[end] ?? '')) end += 1;
        // A word is only cut when no boundary existed inside the limit: the cut lies in the first segment.
        if (insideWord(input, end)) {
          const firstSegmentEnd = [...wordSegmenter.segment(input)][1]?.index ?? input.length;
          expect(result.length).toBeLessThan(firstSegmentEnd);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 120 }), unit, (input, max, lengthUnit) => {
        const once = trimAtWordBoundary(input, max, lengthUnit);
        expect(trimAtWordBoundary(once, max, lengthUnit)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('repairVariant (property)', () => {
  const nonEmpty = text.filter((value) => value.trim() !== '');
  const variant: fc.Arbitrary<AdVariant> = fc.record({
    platform: fc.constantFrom(...adPlatforms),
    headline: nonEmpty,
    primaryText: nonEmpty,
    description: nonEmpty,
    callToAction: fc.oneof(fc.constantFrom('LEARN_MORE', 'SHOP_NOW', 'Buy now', 'SIGN_UP'), nonEmpty),
  });

  it('leaves any variant passing checkVariant', () => {
    fc.assert(
      fc.property(variant, fc.nat(9), (input, index) => {
        const { variant: repaired, repairs } = repairVariant(input, index);
        expect(checkVariant(repaired)).toEqual([]);
        if (checkVariant(input).length === 0) {
          expect(repaired).toEqual(input);
          expect(repairs).toEqual([]);
        } else {
          expect(repairs.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
