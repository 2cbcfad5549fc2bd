import { type AdCopyField, type AdPlatform, adPlatforms, adTextFields } from './ad-platforms.js';

/**
 * The one table of ad policy rules that `check_ad_copy` and `create_ad_creative` flag copy against.
 * Each rule names its platforms, the fields it reads, a severity (`block`: the platform disapproves
 * such copy; `warn`: it often does, or a reviewer decides) and its source. The detectors are
 * deliberately narrow heuristics: they flag likely breaches for a human to read, they do not
 * replace the platform's review. Sources were not re-read this session (`verified: false`).
 * docs/creative.md renders this table.
 */
export type PolicySeverity = 'warn' | 'block';

export interface PolicyRule {
  readonly id: string;
  readonly title: string;
  readonly platforms: readonly AdPlatform[];
  readonly fields: readonly AdCopyField[];
  readonly severity: PolicySeverity;
  readonly source: string;
  readonly verified: boolean;
  /** The offending excerpts of `text`; empty when the rule is not broken. */
  readonly find: (text: string) => string[];
}

const matches = (pattern: RegExp) => (text: string) => [...text.matchAll(pattern)].map((match) => match[0]);

// Meta: ads may not assert or imply a person's attributes (health, weight, finances, religion...).
const personalAttributes =
  /\b(?:are you|you are|you're|aren't you|do you (?:have|suffer from|struggle with))\s+(?:still\s+|really\s+)?(?:an?\s+)?(?:overweight|obese|fat|diabetic|depressed|anxious|bipolar|in debt|broke|poor|bankrupt|single|divorced|gay|lesbian|christian|muslim|jewish|hindu|pregnant|infertile|disabled|unemployed|sick|ill|struggling with (?:debt|weight|depression)|diabetes|depression|acne|hair loss|cancer|hiv|erectile dysfunction|bad credit)\b/giu;
const healthAbsolute =
  /\b(?:cures?|cured|miracle (?:cure|pill|treatment)|heals? (?:all|any|every)|eliminates? (?:all )?disease|100 ?% (?:effective|natural cure))\b/giu;
const moneyAbsolute =
  /\b(?:guaranteed?|guarantees|risk[- ]free|get rich(?: quick)?|double your money|never lose|no risk|can't lose|100 ?% (?:returns?|profit|success))\b/giu;
// Google: words in capitals for emphasis ("FREE"); acronyms of 2-4 letters (USA, SEO) pass.
const excessiveCaps = /\b\p{Lu}{5,}\b|\b(?:FREE|NOW|BUY|SALE|NEW|BEST|HOT|WIN|DEAL|OFFER)\b/gu;
// Google: repeated or non-standard punctuation, and "!" in a headline.
const repeatedPunctuation = /[!?]{2,}|[,;:]{2,}|\.{4,}/gu;
const emoji = /\p{Extended_Pictographic}/gu;

export const adPolicyRules: readonly PolicyRule[] = Object.freeze([
  {
    id: 'meta-personal-attributes',
    title: 'Asserts or implies personal attributes ("Are you overweight?")',
    platforms: ['meta'],
    fields: adTextFields,
    severity: 'block',
    source:
      'https://transparency.meta.com/policies/ad-standards/objectionable-content/privacy-violations-personal-attributes',
    verified: false,
    find: matches(personalAttributes),
  },
  {
    id: 'absolute-health-claim',
    title: 'Absolute health claim ("cure", "miracle pill")',
    platforms: adPlatforms,
    fields: adTextFields,
    severity: 'block',
    source:
      'https://transparency.meta.com/policies/ad-standards/deceptive-content/unacceptable-business-practices',
    verified: false,
    find: matches(healthAbsolute),
  },
  {
    id: 'absolute-money-claim',
    title: 'Absolute money or outcome claim ("guaranteed", "risk-free")',
    platforms: adPlatforms,
    fields: adTextFields,
    severity: 'warn',
    source: 'https://support.google.com/adspolicy/answer/6020955',
    verified: false,
    find: matches(moneyAbsolute),
  },
  {
    id: 'google-excessive-capitalization',
    title: 'Capitals used for emphasis ("FREE", "BUY NOW")',
    platforms: ['google'],
    fields: adTextFields,
    severity: 'block',
    source: 'https://support.google.com/adspolicy/answer/6021546',
    verified: false,
    find: matches(excessiveCaps),
  },
  {
    id: 'google-excessive-punctuation',
    title: 'Repeated or gimmicky punctuation ("!!", "?!")',
    platforms: ['google'],
    fields: adTextFields,
    severity: 'block',
    source: 'https://support.google.com/adspolicy/answer/6021546',
    verified: false,
    find: matches(repeatedPunctuation),
  },
  {
    id: 'google-headline-exclamation',
    title: 'An exclamation mark in a headline',
    platforms: ['google'],
    fields: ['headline'],
    severity: 'block',
    source: 'https://support.google.com/adspolicy/answer/6021546',
    verified: false,
    find: matches(/!/gu),
  },
  {
    id: 'tiktok-ad-text-length',
    title: 'Ad text shorter than 12 characters',
    platforms: ['tiktok'],
    fields: ['primaryText'],
    severity: 'block',
    source: 'https://ads.tiktok.com/help/article?aid=10002745',
    verified: false,
    find: (text) => ([...text.trim()].length < 12 ? [text] : []),
  },
  {
    id: 'tiktok-ad-text-emoji',
    title: 'Emoji in the ad text',
    platforms: ['tiktok'],
    fields: ['primaryText'],
    severity: 'block',
    source: 'https://ads.tiktok.com/help/article?aid=10002745',
    verified: false,
    find: matches(emoji),
  },
  {
    id: 'tiktok-ad-text-symbols',
    title: 'Curly braces or "#" in the ad text',
    platforms: ['tiktok'],
    fields: ['primaryText'],
    severity: 'block',
    source: 'https://ads.tiktok.com/help/article?aid=10002745',
    verified: false,
    find: matches(/[{}#]/gu),
  },
]);
