/**
 * The one table of ad copy length limits per platform. The agents write it into their prompts and
 * `checkVariant` enforces `max`. Sources were read with the search tool (offline corpus, Oct 2026);
 * `verified: false` marks a limit we could only confirm from third-party guides, or chose ourselves.
 * docs/agents.md renders this table with the reasoning.
 */
import type { AdCopyField, AdPlatform, PlatformLimits } from './ad-platforms.js';

const metaCtaSource =
  'https://developers.facebook.com/docs/marketing-api/reference/ad-creative-link-data-call-to-action/';
const googleCtaSource =
  'https://developers.google.com/google-ads/api/reference/rpc/latest/CallToActionTypeEnum.CallToActionType';
const googleRsaSource =
  'https://developers.google.com/google-ads/api/docs/responsive-search-ads/create-responsive-search-ads';
const linkedinSource = 'https://www.linkedin.com/help/lms/answer/a426534';
const tiktokSource = 'https://ads.tiktok.com/help/article?aid=10002745';

export const platformLimits: Readonly<Record<AdPlatform, PlatformLimits>> = Object.freeze({
  meta: {
    platform: 'meta',
    label: 'Meta (Facebook and Instagram feed)',
    unit: 'grapheme',
    headline: {
      max: 40,
      kind: 'truncation',
      hardMax: 255,
      maps: 'Headline (link title)',
      source: 'https://www.facebook.com/business/ads-guide',
      verified: false,
      note: "Meta's ads guide recommends 40 (27 in some feeds); the official page was not in the corpus, third-party guides agree on 40.",
    },
    primaryText: {
      max: 125,
      kind: 'truncation',
      hardMax: 2200,
      maps: 'Primary text (message)',
      source: 'https://www.facebook.com/business/ads-guide',
      verified: false,
      note: 'About 125 characters show before "See more"; the stated maximum varies by guide (2,200 to 5,000).',
    },
    description: {
      max: 30,
      kind: 'truncation',
      maps: 'Description (link description)',
      source: 'https://www.facebook.com/business/ads-guide',
      verified: false,
      note: 'Recommended 25 to 30; not shown in every placement.',
    },
    callToAction: {
      values: [
        'LEARN_MORE',
        'SHOP_NOW',
        'SIGN_UP',
        'SUBSCRIBE',
        'DOWNLOAD',
        'BOOK_NOW',
        'APPLY_NOW',
        'CONTACT_US',
        'GET_OFFER',
        'GET_QUOTE',
        'ORDER_NOW',
        'BUY_NOW',
        'WATCH_MORE',
        'INSTALL_MOBILE_APP',
      ],
      fallback: 'LEARN_MORE',
      max: 20,
      maps: 'call_to_action.type (button)',
      source: metaCtaSource,
      verified: true,
      note: 'A subset of the Marketing API enum that fits link ads; not every type suits every objective.',
    },
  },
  tiktok: {
    platform: 'tiktok',
    label: 'TikTok (in-feed ads)',
    unit: 'double-width',
    headline: {
      max: 40,
      kind: 'own-choice',
      maps: 'No headline field: an opening text overlay or hook line for the video',
      source: 'https://lettercounter.org/blog/tiktok-ads-character-limits',
      verified: false,
      note: 'Capped at 40 like the brand/display name so it reads at a glance.',
    },
    primaryText: {
      max: 100,
      kind: 'hard',
      maps: 'Ad text (caption)',
      source: tiktokSource,
      verified: false,
      note: 'Ad text is 1 to 100 characters, double-width characters count 2 (third-party guides); Spark Ads reuse the organic caption.',
    },
    description: {
      max: 100,
      kind: 'own-choice',
      maps: 'No description field: an alternative ad text',
      source: tiktokSource,
      verified: false,
    },
    callToAction: {
      values: [
        'LEARN_MORE',
        'SHOP_NOW',
        'SIGN_UP',
        'DOWNLOAD',
        'CONTACT_US',
        'APPLY_NOW',
        'BOOK_NOW',
        'ORDER_NOW',
        'WATCH_NOW',
        'SUBSCRIBE',
        'GET_QUOTE',
      ],
      fallback: 'LEARN_MORE',
      max: 20,
      maps: 'Call to action button',
      source: 'https://ads.tiktok.com/help/article/in-app-behavior-call-to-action-button',
      verified: false,
      note: "The button takes a fixed list; TikTok's API enum was not in the corpus, these are its common options.",
    },
  },
  google: {
    platform: 'google',
    label: 'Google Ads (responsive search ads)',
    unit: 'double-width',
    headline: {
      max: 30,
      kind: 'hard',
      maps: 'RSA headline (one of 3 to 15)',
      source: googleRsaSource,
      verified: true,
    },
    primaryText: {
      max: 90,
      kind: 'hard',
      maps: 'RSA has no primary text: it fills description 1 (the fuller pitch)',
      source: googleRsaSource,
      verified: true,
      note: 'RSAs take 2 to 4 descriptions of up to 90; Google shows up to 2, so both must stand alone.',
    },
    description: {
      max: 90,
      kind: 'hard',
      maps: 'RSA description 2',
      source: googleRsaSource,
      verified: true,
    },
    callToAction: {
      values: [
        'LEARN_MORE',
        'GET_QUOTE',
        'APPLY_NOW',
        'SIGN_UP',
        'CONTACT_US',
        'SUBSCRIBE',
        'DOWNLOAD',
        'BOOK_NOW',
        'SHOP_NOW',
        'BUY_NOW',
        'ORDER_NOW',
        'START_NOW',
        'VISIT_SITE',
        'SEE_MORE',
      ],
      fallback: 'LEARN_MORE',
      max: 20,
      maps: 'Call-to-action asset (CallToActionType); RSA text itself has no button',
      source: googleCtaSource,
      verified: true,
    },
  },
  linkedin: {
    platform: 'linkedin',
    label: 'LinkedIn (single image sponsored content)',
    unit: 'grapheme',
    headline: {
      max: 70,
      kind: 'truncation',
      hardMax: 200,
      maps: 'Headline',
      source: linkedinSource,
      verified: false,
      note: 'Third-party copies of the LinkedIn help page: 70 to avoid truncation, 200 maximum.',
    },
    primaryText: {
      max: 150,
      kind: 'truncation',
      hardMax: 600,
      maps: 'Introductory text',
      source: linkedinSource,
      verified: false,
      note: 'Mirrored copies of the help page: up to 150 to avoid truncation; copies disagree on the maximum (600 or 3,000).',
    },
    description: {
      max: 100,
      kind: 'truncation',
      hardMax: 300,
      maps: 'Description',
      source: linkedinSource,
      verified: false,
      note: 'Rarely shown by current LinkedIn apps.',
    },
    callToAction: {
      values: [
        'LEARN_MORE',
        'DOWNLOAD',
        'GET_QUOTE',
        'SIGN_UP',
        'REGISTER',
        'SUBSCRIBE',
        'APPLY_NOW',
        'REQUEST_DEMO',
        'JOIN_NOW',
        'CONTACT_US',
      ],
      fallback: 'LEARN_MORE',
      max: 20,
      maps: 'Call-to-action button (fixed list)',
      source: 'https://utively.com/blog/linkedin-ad-specs/',
      verified: false,
      note: "LinkedIn's API enum was not in the corpus; names follow the button labels third-party guides list.",
    },
  },
  x: {
    platform: 'x',
    label: 'X (promoted post with website card)',
    unit: 'x-weighted',
    headline: {
      max: 70,
      kind: 'hard',
      maps: 'Website card title',
      source: 'https://business.x.com/en/help/campaign-setup/creative-ad-specifications',
      verified: false,
      note: 'X business pages were not in the corpus; third-party spec pages agree on 70.',
    },
    primaryText: {
      max: 257,
      kind: 'hard',
      maps: 'Post text',
      source: 'https://business.x.com/en/help/campaign-setup/creative-ad-specifications',
      verified: false,
      note: 'Posts allow 280 weighted characters; the card link takes 23, leaving 257.',
    },
    description: {
      max: 200,
      kind: 'own-choice',
      maps: 'No description on website cards: alternative post text for tests',
      source: 'https://lettercounter.org/blog/twitter-ads-character-limits',
      verified: false,
    },
    callToAction: {
      max: 20,
      maps: 'No button list: a short action phrase to end the post with',
      source: 'https://business.x.com/en/help/campaign-setup/creative-ad-specifications',
      verified: false,
      note: 'Free text; 20 is our choice.',
    },
  },
});

/** The limits of one field of one platform, for text fields and free-text calls to action alike. */
export function fieldLimit(
  platform: AdPlatform,
  field: AdCopyField,
): { max: number; values?: readonly string[] } {
  return platformLimits[platform][field];
}
