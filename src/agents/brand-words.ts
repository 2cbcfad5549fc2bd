import type { AdVariant } from './ad-copy-schema.js';
import { trimAtWordBoundary } from './ad-copy-schema.js';
import { adTextFields } from './ad-platforms.js';
import { platformLimits } from './platform-limits.js';
import { measureText } from './text-measure.js';

/** What of a brand kit the copy must follow. */
export interface BrandWords {
  bannedWords: readonly string[];
  requiredWords: readonly string[];
}

/** Words and phrases: letters, marks and digits, joined by single spaces, hyphens or apostrophes. */
export const brandWordPattern = /^[\p{L}\p{M}\p{N}]+(?:[ '’-][\p{L}\p{M}\p{N}]+)*$/u;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole-word, case-insensitive matcher: "free" matches "Free!" but not "freedom". */
export function wordMatcher(word: string): RegExp {
  const body = word.split(' ').map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])${body}(?![\\p{L}\\p{M}\\p{N}_])`, 'giu');
}

export function containsWord(text: string, word: string): boolean {
  return wordMatcher(word).test(text);
}

/** Drops every banned word, repeating until none is left (a removal can join a banned phrase). */
export function removeBanned(text: string, banned: readonly string[]): string {
  let current = text;
  for (;;) {
    let next = current;
    for (const word of banned) next = next.replace(wordMatcher(word), ' ');
    next = next
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/\s+([,.;:!?])/g, '$1')
      .trim();
    if (next === current) return next;
    current = next;
  }
}

const separator = ' · ';

/** Required words together must fit the shortest primary text in any unit (each unit counts ≤ 2 per grapheme). */
export const maxRequiredGraphemes = 40;

/** Why a pair of word lists cannot be followed together, naming the field; undefined when they can. */
export function brandWordsProblem(brand: BrandWords): { field: string; message: string } | undefined {
  for (const field of ['bannedWords', 'requiredWords'] as const) {
    const bad = brand[field].findIndex((word) => !brandWordPattern.test(word));
    if (bad >= 0)
      return {
        field: `${field}[${bad}]`,
        message: 'use letters and digits, joined by single spaces, hyphens or apostrophes',
      };
  }
  for (const required of brand.requiredWords) {
    const banned = brand.bannedWords.find((word) => containsWord(required, word));
    if (banned !== undefined)
      return { field: 'requiredWords', message: `"${required}" contains the banned "${banned}"` };
  }
  if (measureText(brand.requiredWords.join(separator), 'grapheme') > maxRequiredGraphemes)
    return {
      field: 'requiredWords',
      message: `together they must fit in ${maxRequiredGraphemes} characters so every platform's copy can hold them`,
    };
  return undefined;
}

/**
 * Makes a variant follow the brand: banned words removed from every field, and the required words
 * missing from the headline and description appended to the primary text (trimmed at a word
 * boundary first to make room), so the variant stays within its platform's limits.
 */
export function applyBrandWords(
  variant: AdVariant,
  brand: BrandWords,
  where: string,
): { variant: AdVariant; repairs: string[] } {
  const limits = platformLimits[variant.platform];
  const fixed = { ...variant };
  const repairs: string[] = [];
  for (const field of [...adTextFields, 'callToAction'] as const) {
    if (field === 'callToAction' && limits.callToAction.values) continue;
    const removed = brand.bannedWords.filter((word) => containsWord(fixed[field], word));
    if (removed.length === 0) continue;
    fixed[field] = removeBanned(fixed[field], brand.bannedWords);
    repairs.push(`${where} ${field}: removed banned ${removed.map((word) => `"${word}"`).join(', ')}`);
  }
  // A phrase counts only within one field: platforms show the fields apart.
  const inField = (word: string, fields: readonly string[]) =>
    fields.some((text) => containsWord(text, word));
  const elsewhere = [fixed.headline, fixed.description];
  const missing = brand.requiredWords.filter((word) => !inField(word, [...elsewhere, fixed.primaryText]));
  if (missing.length > 0) {
    // Every required word not in the headline or description goes in the suffix, so trimming the
    // primary text to make room can never cut one that was there.
    const suffix = brand.requiredWords.filter((word) => !inField(word, elsewhere)).join(separator);
    const room = limits.primaryText.max - measureText(`${separator}${suffix}`, limits.unit);
    const kept = room > 0 ? trimAtWordBoundary(fixed.primaryText, room, limits.unit) : '';
    const withoutSuffixWords = removeBanned(kept, [...brand.requiredWords, ...brand.bannedWords]);
    fixed.primaryText = withoutSuffixWords === '' ? suffix : `${withoutSuffixWords}${separator}${suffix}`;
    repairs.push(`${where} primaryText: added required ${missing.map((word) => `"${word}"`).join(', ')}`);
  }
  return { variant: fixed, repairs };
}
