import {
  type AdVariant,
  checkVariant,
  normalizeCallToAction,
  type Overshoot,
  trimAtWordBoundary,
} from './ad-copy-schema.js';
import { type AdPlatform, adTextFields } from './ad-platforms.js';
import { platformLimits } from './platform-limits.js';
import type { VariantShortfall } from './prompts/ad-creative-prompt.js';
import { measureText } from './text-measure.js';

/** A model answer sorted per requested platform: at most `wanted` each, with what still breaks the rules. */
export interface VariantSelection {
  byPlatform: Map<AdPlatform, AdVariant[]>;
  /** `index` is the variant's position within its platform. */
  overshoots: { overshoot: Overshoot; index: number }[];
  shortfalls: VariantShortfall[];
}

export function selectVariants(
  variants: readonly AdVariant[],
  platforms: readonly AdPlatform[],
  wanted: number,
): VariantSelection {
  const byPlatform = new Map<AdPlatform, AdVariant[]>(platforms.map((platform) => [platform, []]));
  for (const variant of variants) {
    const kept = byPlatform.get(variant.platform);
    // Extras and platforms nobody asked for are dropped, not repaired.
    if (!kept || kept.length >= wanted) continue;
    kept.push({ ...variant, callToAction: normalizeCallToAction(variant.platform, variant.callToAction) });
  }
  const overshoots: VariantSelection['overshoots'] = [];
  const shortfalls: VariantShortfall[] = [];
  for (const [platform, kept] of byPlatform) {
    kept.forEach((variant, index) => {
      for (const overshoot of checkVariant(variant)) overshoots.push({ overshoot, index });
    });
    if (kept.length < wanted) shortfalls.push({ platform, got: kept.length, wanted });
  }
  return { byPlatform, overshoots, shortfalls };
}

/**
 * Per platform, the re-asked answer when it is complete, else the first answer when that one was;
 * platforms complete in neither are returned as shortfalls.
 */
export function preferComplete(
  retried: VariantSelection,
  first: VariantSelection,
  wanted: number,
): { byPlatform: Map<AdPlatform, AdVariant[]>; shortfalls: VariantShortfall[] } {
  const byPlatform = new Map<AdPlatform, AdVariant[]>();
  const shortfalls: VariantShortfall[] = [];
  for (const [platform, again] of retried.byPlatform) {
    const before = first.byPlatform.get(platform) ?? [];
    const chosen = again.length >= wanted ? again : before.length >= wanted ? before : again;
    byPlatform.set(platform, chosen);
    if (chosen.length < wanted)
      shortfalls.push({ platform, got: Math.max(again.length, before.length), wanted });
  }
  return { byPlatform, shortfalls };
}

/**
 * Makes a variant pass `checkVariant`: text over its limit is trimmed at a word boundary, a call to
 * action off the platform's list becomes the platform's fallback. `repairs` names each change.
 */
export function repairVariant(variant: AdVariant, index: number): { variant: AdVariant; repairs: string[] } {
  const limits = platformLimits[variant.platform];
  const repaired = { ...variant };
  const repairs: string[] = [];
  const where = `${variant.platform} variant ${index + 1}`;
  for (const field of adTextFields) {
    const before = measureText(repaired[field], limits.unit);
    const max = limits[field].max;
    if (before <= max) continue;
    repaired[field] = trimAtWordBoundary(repaired[field], max, limits.unit);
    repairs.push(
      `${where} ${field} trimmed from ${before} to ${measureText(repaired[field], limits.unit)} (limit ${max})`,
    );
  }
  const cta = limits.callToAction;
  if (cta.values && !cta.values.includes(repaired.callToAction)) {
    const fallback = cta.fallback ?? cta.values[0] ?? 'LEARN_MORE';
    repairs.push(`${where} callToAction "${repaired.callToAction}" is not allowed; used ${fallback}`);
    repaired.callToAction = fallback;
  } else if (!cta.values && measureText(repaired.callToAction, limits.unit) > cta.max) {
    repaired.callToAction = trimAtWordBoundary(repaired.callToAction, cta.max, limits.unit);
    repairs.push(`${where} callToAction trimmed to ${cta.max}`);
  }
  return { variant: repaired, repairs };
}
