import { z } from 'zod';
import {
  type AdCopyField,
  type AdPlatform,
  adPlatforms,
  adTextFields,
  type LengthUnit,
} from './ad-platforms.js';
import { platformLimits } from './platform-limits.js';
import { graphemeWeight, measureText } from './text-measure.js';

export const adVariantSchema = z.object({
  platform: z.enum(adPlatforms).describe('The platform this variant is written for'),
  headline: z.string().min(1),
  primaryText: z.string().min(1).describe('The main body copy (Google: description 1)'),
  description: z.string().min(1),
  callToAction: z.string().min(1).describe("One of the platform's allowed call-to-action values"),
});
export type AdVariant = z.infer<typeof adVariantSchema>;

/** What the ad creative agent must hand to the structured output tool. */
export const adCreativeOutputSchema = z
  .object({ variants: z.array(adVariantSchema).min(1) })
  .describe('Every ad copy variant, for every requested platform');
export type AdCreativeOutput = z.infer<typeof adCreativeOutputSchema>;

const requiredFields = ['platform', 'headline', 'primaryText', 'description', 'callToAction'];

/** One platform's variant as JSON Schema: its name as a constant, its limits as `maxLength`. */
function variantJsonSchema(platform: AdPlatform): Record<string, unknown> {
  const limits = platformLimits[platform];
  const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
  const allowed = limits.callToAction.values;
  return {
    type: 'object',
    properties: {
      platform: { type: 'string', const: platform },
      headline: text(limits.headline.max),
      primaryText: text(limits.primaryText.max),
      description: text(limits.description.max),
      callToAction:
        allowed === undefined ? text(limits.callToAction.max) : { type: 'string', enum: [...allowed] },
    },
    required: requiredFields,
    additionalProperties: false,
  };
}

/**
 * The structured output schema for one brief: the tool's JSON Schema says what the prompt asks,
 * so a model that follows it (or decodes constrained by it) returns exactly `perPlatform`
 * variants of each platform (`minItems`/`maxItems` overall, `minContains`/`maxContains` per
 * platform) within each platform's limits (`maxLength`; `enum` for fixed call-to-action lists).
 * `maxLength` counts code points, the platforms count graphemes (some weighted), so it guides;
 * validation stays lax and the repair step measures in the platform's own unit.
 */
export function adCreativeOutputSchemaFor(platforms: readonly AdPlatform[], perPlatform: number) {
  const total = platforms.length * perPlatform;
  const counts = platforms.map((platform) => ({
    contains: { type: 'object', properties: { platform: { const: platform } }, required: ['platform'] },
    minContains: perPlatform,
    maxContains: perPlatform,
  }));
  return z
    .object({
      variants: z
        .array(adVariantSchema)
        .min(1)
        .meta({
          description: `Exactly ${perPlatform} variant(s) for each of: ${platforms.join(', ')}`,
          minItems: total,
          maxItems: total,
          items: { anyOf: platforms.map(variantJsonSchema) },
          allOf: counts,
        }),
    })
    .describe('Every ad copy variant, for every requested platform');
}

export interface Overshoot {
  platform: AdPlatform;
  field: AdCopyField;
  /** `too-long`: `length` over `max` in `unit`; `not-allowed`: a call to action outside `allowed`. */
  kind: 'too-long' | 'not-allowed';
  length: number;
  max: number;
  unit: LengthUnit;
  allowed?: readonly string[];
}

/** Every field of a variant that breaks its platform's limits; empty when it is ready to publish. */
export function checkVariant(variant: AdVariant): Overshoot[] {
  const limits = platformLimits[variant.platform];
  const overshoots: Overshoot[] = [];
  for (const field of [...adTextFields, 'callToAction'] as const) {
    const { max } = limits[field];
    const length = measureText(variant[field], limits.unit);
    if (length > max)
      overshoots.push({
        platform: variant.platform,
        field,
        kind: 'too-long',
        length,
        max,
        unit: limits.unit,
      });
  }
  const allowed = limits.callToAction.values;
  if (allowed && !allowed.includes(variant.callToAction)) {
    const length = measureText(variant.callToAction, limits.unit);
    const max = limits.callToAction.max;
    overshoots.push({
      platform: variant.platform,
      field: 'callToAction',
      kind: 'not-allowed',
      length,
      max,
      unit: limits.unit,
      allowed,
    });
  }
  return overshoots;
}

/**
 * Maps "Learn more", "learn-more" or "LEARN_MORE" to the platform's value when it has a fixed list, so a
 * formatting difference never costs a re-ask. Free-text calls to action come back trimmed only.
 */
export function normalizeCallToAction(platform: AdPlatform, value: string): string {
  const allowed = platformLimits[platform].callToAction.values;
  if (!allowed) return value.trim();
  const key = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  return allowed.includes(key) ? key : value;
}

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Left at the end of a cut these read as broken: separators, dashes, opening brackets and quotes.
// Sentence ends (. ! ? …), closing brackets and straight quotes stay.
const danglingTail = /[\s\p{Pd}\p{Ps}\p{Pi}\p{Pc},;:/\\&@#*+=|~·•]+$/u;

/** Code-unit offsets where a cut does not split a word: segment starts and the inside of non-word runs. */
function safeCuts(text: string): Set<number> {
  const cuts = new Set<number>([0, text.length]);
  for (const segment of wordSegmenter.segment(text)) {
    cuts.add(segment.index);
    if (segment.isWordLike) continue;
    for (const part of graphemeSegmenter.segment(segment.segment)) cuts.add(segment.index + part.index);
  }
  return cuts;
}

/**
 * Shortens `text` to at most `max` units of `unit`, ending at a word boundary when one exists inside the
 * limit (otherwise at a grapheme boundary), without trailing whitespace or dangling punctuation. The
 * result is always a prefix of `text`; text that already fits comes back unchanged.
 */
export function trimAtWordBoundary(text: string, max: number, unit: LengthUnit = 'grapheme'): string {
  if (measureText(text, unit) <= max) return text;
  // The longest grapheme-aligned prefix that fits.
  let fitEnd = 0;
  let used = 0;
  for (const part of graphemeSegmenter.segment(text)) {
    used += graphemeWeight(part.segment, unit);
    if (used > max) break;
    fitEnd = part.index + part.segment.length;
  }
  const cuts = safeCuts(text);
  let end = fitEnd;
  while (end > 0 && !cuts.has(end)) end -= 1;
  // No word boundary inside the limit (one long word, or a script without spaces): cut the graphemes.
  if (end === 0) end = fitEnd;
  return text.slice(0, end).replace(danglingTail, '');
}
