/**
 * The platforms ad copy is written for, the fields of a variant, and the shape of a platform's
 * limits. The limits themselves, each with its source, are the table in platform-limits.ts.
 */
export const adPlatforms = ['meta', 'tiktok', 'google', 'linkedin', 'x'] as const;
export type AdPlatform = (typeof adPlatforms)[number];

export const adTextFields = ['headline', 'primaryText', 'description'] as const;
export type AdTextField = (typeof adTextFields)[number];
export type AdCopyField = AdTextField | 'callToAction';

/**
 * How a platform counts length. All three count user-perceived characters (grapheme clusters), so an
 * emoji built from several code points is one unit before weighting.
 * - `grapheme`: every grapheme counts 1 (Meta, LinkedIn).
 * - `double-width`: East Asian wide/fullwidth graphemes (CJK, Hangul, fullwidth forms) count 2 (Google, TikTok).
 * - `x-weighted`: twitter-text v3 weights: graphemes starting in Latin and common punctuation ranges
 *   count 1, everything else (CJK, emoji, most other scripts) counts 2. X also counts each URL as 23;
 *   we ask the model for copy without URLs instead of modelling that.
 */
export type LengthUnit = 'grapheme' | 'double-width' | 'x-weighted';

/**
 * `hard`: the platform rejects longer text. `truncation`: the platform accepts more (see `hardMax`)
 * but cuts the text behind "See more" or an ellipsis past `max`, so ready copy stays within it.
 * `own-choice`: the platform has no such field; `max` is ours (see `maps`).
 */
export type LimitKind = 'hard' | 'truncation' | 'own-choice';

export interface FieldLimit {
  readonly max: number;
  readonly kind: LimitKind;
  readonly hardMax?: number;
  /** Which platform field this variant field fills. */
  readonly maps: string;
  readonly source: string;
  readonly verified: boolean;
  readonly note?: string;
}

export interface CallToActionLimit {
  /** Allowed values when the platform has a fixed list of buttons; free text otherwise. */
  readonly values?: readonly string[];
  /** The value used when the model's answer is not on the list. */
  readonly fallback?: string;
  readonly max: number;
  readonly maps: string;
  readonly source: string;
  readonly verified: boolean;
  readonly note?: string;
}

export interface PlatformLimits {
  readonly platform: AdPlatform;
  readonly label: string;
  readonly unit: LengthUnit;
  readonly headline: FieldLimit;
  readonly primaryText: FieldLimit;
  readonly description: FieldLimit;
  readonly callToAction: CallToActionLimit;
}
