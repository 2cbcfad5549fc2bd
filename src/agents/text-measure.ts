import type { LengthUnit } from './ad-platforms.js';

// Built once: constructing a segmenter costs far more than using one.
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** User-perceived characters: an emoji with skin tone or a flag is one. */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (part) => part.segment);
}

/** East Asian Wide and Fullwidth ranges (UAX #11), enough for ad copy. */
function isDoubleWidth(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** twitter-text v3: these ranges weigh 1, every other code point 2. */
function isXLight(codePoint: number): boolean {
  return (
    codePoint <= 4351 ||
    (codePoint >= 8192 && codePoint <= 8205) ||
    (codePoint >= 8208 && codePoint <= 8223) ||
    (codePoint >= 8242 && codePoint <= 8247)
  );
}

/** The weight of one grapheme in a unit; a cluster weighs what its first code point weighs. */
export function graphemeWeight(grapheme: string, unit: LengthUnit): number {
  if (unit === 'grapheme') return 1;
  const first = grapheme.codePointAt(0) ?? 0;
  if (unit === 'double-width') return isDoubleWidth(first) ? 2 : 1;
  return isXLight(first) ? 1 : 2;
}

/** The length of a text as the platform counts it. */
export function measureText(text: string, unit: LengthUnit = 'grapheme'): number {
  let length = 0;
  for (const part of graphemeSegmenter.segment(text)) length += graphemeWeight(part.segment, unit);
  return length;
}
