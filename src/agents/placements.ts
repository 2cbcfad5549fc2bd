import type { AdCopyField, AdPlatform } from './ad-platforms.js';

/**
 * The one table of ad placements `create_placement_pack` builds for: platform (whose copy limits
 * apply, see platform-limits.ts), aspect ratio, exact pixel size, the copy fields the placement
 * shows, the safe zones (fractions of the height kept clear of text and logo because the app's own
 * interface covers them) and whether a logo may be overlaid. `verified: true` marks a size read on
 * the platform's own page with the search tool (offline corpus, Nov 2026); `false` one confirmed only
 * from third-party guides. docs/creative.md renders this table.
 */
export const placementIds = [
  'meta-feed',
  'meta-feed-portrait',
  'meta-story',
  'tiktok-in-feed',
  'google-display-landscape',
  'google-display-square',
  'linkedin-feed',
  'linkedin-feed-square',
  'x-feed',
  'x-feed-landscape',
] as const;
export type PlacementId = (typeof placementIds)[number];

export interface Placement {
  readonly id: PlacementId;
  readonly label: string;
  readonly platform: AdPlatform;
  readonly aspectRatio: string;
  readonly width: number;
  readonly height: number;
  readonly copyFields: readonly AdCopyField[];
  /** Fractions of the height kept clear at the top and bottom. */
  readonly safeZone: { readonly top: number; readonly bottom: number };
  readonly logo: boolean;
  readonly source: string;
  readonly verified: boolean;
  readonly note?: string;
}

const metaFeed = 'https://www.facebook.com/business/ads-guide/image/facebook-feed';
const metaStory = 'https://www.facebook.com/business/ads-guide/image/instagram-story';
const tiktok = 'https://ads.tiktok.com/help/article/video-ads-specifications';
const googleDisplay = 'https://support.google.com/google-ads/answer/17090561';
const linkedin = 'https://www.linkedin.com/help/lms/answer/a426534';
const x = 'https://business.x.com/en/help/campaign-setup/creative-ad-specifications';
const feedFields = ['headline', 'primaryText', 'description', 'callToAction'] as const;
const none = { top: 0, bottom: 0 } as const;

export const placements: Readonly<Record<PlacementId, Placement>> = Object.freeze({
  'meta-feed': {
    id: 'meta-feed',
    label: 'Meta feed, square',
    platform: 'meta',
    aspectRatio: '1:1',
    width: 1080,
    height: 1080,
    copyFields: feedFields,
    safeZone: none,
    logo: true,
    source: metaFeed,
    verified: false,
  },
  'meta-feed-portrait': {
    id: 'meta-feed-portrait',
    label: 'Meta feed, portrait',
    platform: 'meta',
    aspectRatio: '4:5',
    width: 1080,
    height: 1350,
    copyFields: feedFields,
    safeZone: none,
    logo: true,
    source: metaFeed,
    verified: false,
  },
  'meta-story': {
    id: 'meta-story',
    label: 'Meta Stories and Reels',
    platform: 'meta',
    aspectRatio: '9:16',
    width: 1080,
    height: 1920,
    copyFields: ['primaryText', 'callToAction'],
    safeZone: { top: 0.14, bottom: 0.2 },
    logo: true,
    source: metaStory,
    verified: false,
    note: "Meta's Stories template keeps about 14 % (250 of 2560 px) at the top and 20 % at the bottom clear of text and logos; read in agency copies of Meta's guide, not on Meta's page.",
  },
  'tiktok-in-feed': {
    id: 'tiktok-in-feed',
    label: 'TikTok in-feed',
    platform: 'tiktok',
    aspectRatio: '9:16',
    width: 1080,
    height: 1920,
    copyFields: ['primaryText', 'callToAction'],
    safeZone: { top: 0.08, bottom: 0.2 },
    logo: true,
    source: tiktok,
    verified: false,
    note: 'The caption, profile and button cover the bottom; the right-hand buttons are not modelled.',
  },
  'google-display-landscape': {
    id: 'google-display-landscape',
    label: 'Google responsive display, landscape',
    platform: 'google',
    aspectRatio: '1.91:1',
    width: 1200,
    height: 628,
    copyFields: ['headline', 'description'],
    safeZone: none,
    logo: false,
    source: googleDisplay,
    verified: true,
    note: 'Horizontal 1.91:1, recommended 1200×628. Google takes logos as their own assets (1:1 and 4:1), so none is composited.',
  },
  'google-display-square': {
    id: 'google-display-square',
    label: 'Google responsive display, square',
    platform: 'google',
    aspectRatio: '1:1',
    width: 1200,
    height: 1200,
    copyFields: ['headline', 'description'],
    safeZone: none,
    logo: false,
    source: googleDisplay,
    verified: true,
    note: 'Square 1:1; Google recommends 600×600 (minimum 300×300); 1200×1200 is within the ratio and sharper.',
  },
  'linkedin-feed': {
    id: 'linkedin-feed',
    label: 'LinkedIn single image, landscape',
    platform: 'linkedin',
    aspectRatio: '1.91:1',
    width: 1200,
    height: 627,
    copyFields: ['headline', 'primaryText', 'description', 'callToAction'],
    safeZone: none,
    logo: true,
    source: linkedin,
    verified: false,
  },
  'linkedin-feed-square': {
    id: 'linkedin-feed-square',
    label: 'LinkedIn single image, square',
    platform: 'linkedin',
    aspectRatio: '1:1',
    width: 1200,
    height: 1200,
    copyFields: ['headline', 'primaryText', 'description', 'callToAction'],
    safeZone: none,
    logo: true,
    source: linkedin,
    verified: false,
  },
  'x-feed': {
    id: 'x-feed',
    label: 'X image ad, square',
    platform: 'x',
    aspectRatio: '1:1',
    width: 1200,
    height: 1200,
    copyFields: ['headline', 'primaryText'],
    safeZone: none,
    logo: true,
    source: x,
    verified: false,
  },
  'x-feed-landscape': {
    id: 'x-feed-landscape',
    label: 'X image ad, landscape',
    platform: 'x',
    aspectRatio: '1.91:1',
    width: 1200,
    height: 628,
    copyFields: ['headline', 'primaryText'],
    safeZone: none,
    logo: true,
    source: x,
    verified: false,
  },
});
