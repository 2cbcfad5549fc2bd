import { describe, expect, it } from 'vitest';
import { type AdPlatform, adPlatforms } from '../../src/agents/ad-platforms.js';
import { adPolicyRules } from '../../src/agents/ad-policy-rules.js';
import { platformLimits } from '../../src/agents/platform-limits.js';
import { type AdCopyCheckInput, checkAdCopy } from '../../src/core/ad-copy-check.js';

const rulesOf = (input: AdCopyCheckInput) => checkAdCopy(input).policyFlags.map((flag) => flag.rule);

/** For each rule: copy that breaks it, and copy close to it that does not. */
const cases: Record<
  string,
  {
    platform: AdPlatform;
    flagged: Partial<AdCopyCheckInput>;
    clean: Partial<AdCopyCheckInput>;
    excerpt: string;
  }
> = {
  'meta-personal-attributes': {
    platform: 'meta',
    flagged: { headline: 'Are you overweight? Try our plan' },
    clean: { headline: 'A meal plan for busy weeks' },
    excerpt: 'Are you overweight',
  },
  'absolute-health-claim': {
    platform: 'linkedin',
    flagged: { primaryText: 'This tea cures headaches.' },
    clean: { primaryText: 'A calming tea for long days.' },
    excerpt: 'cures',
  },
  'absolute-money-claim': {
    platform: 'x',
    flagged: { description: 'Guaranteed returns every month' },
    clean: { description: 'Returns reported monthly' },
    excerpt: 'Guaranteed',
  },
  'google-excessive-capitalization': {
    platform: 'google',
    flagged: { headline: 'FREE shipping today' },
    clean: { headline: 'Free shipping via USPS' },
    excerpt: 'FREE',
  },
  'google-excessive-punctuation': {
    platform: 'google',
    flagged: { description: 'Order today!! Limited stock.' },
    clean: { description: 'Order today. Limited stock...' },
    excerpt: '!!',
  },
  'google-headline-exclamation': {
    platform: 'google',
    flagged: { headline: 'Fresh coffee now!' },
    clean: { headline: 'Fresh coffee now', description: 'Order today!' },
    excerpt: '!',
  },
  'tiktok-ad-text-length': {
    platform: 'tiktok',
    flagged: { primaryText: 'Buy coffee' },
    clean: { primaryText: 'Buy fresh coffee' },
    excerpt: 'Buy coffee',
  },
  'tiktok-ad-text-emoji': {
    platform: 'tiktok',
    flagged: { primaryText: 'Fresh coffee every week ☕' },
    clean: { primaryText: 'Fresh coffee every week :)' },
    excerpt: '☕',
  },
  'tiktok-ad-text-symbols': {
    platform: 'tiktok',
    flagged: { primaryText: 'Fresh coffee every week #coffee' },
    clean: { primaryText: 'Fresh coffee every week, coffee' },
    excerpt: '#',
  },
};

describe('check_ad_copy policy rules', () => {
  it('has a case for every rule in the rule file', () => {
    expect(Object.keys(cases).sort()).toEqual(adPolicyRules.map((rule) => rule.id).sort());
  });

  for (const rule of adPolicyRules) {
    const example = cases[rule.id];
    it(`${rule.id}: flags copy that breaks it, with field, severity, excerpt and source`, () => {
      if (example === undefined) throw new Error(`no case for ${rule.id}`);
      const flags = checkAdCopy({ platform: example.platform, ...example.flagged }).policyFlags;
      const flag = flags.find((each) => each.rule === rule.id);
      expect(flag).toEqual({
        rule: rule.id,
        field: Object.keys(example.flagged)[0],
        severity: rule.severity,
        excerpt: example.excerpt,
        source: rule.source,
      });
      expect(flag?.source).toMatch(/^https:\/\//);
    });
    it(`${rule.id}: leaves close but compliant copy alone`, () => {
      if (example === undefined) throw new Error(`no case for ${rule.id}`);
      expect(rulesOf({ platform: example.platform, ...example.clean })).not.toContain(rule.id);
    });
  }

  it('applies a platform rule only on its platform', () => {
    expect(rulesOf({ platform: 'meta', headline: 'FREE shipping!!' })).toEqual([]);
    expect(rulesOf({ platform: 'google', primaryText: 'Are you overweight?' })).toEqual([]);
  });
});

describe('check_ad_copy length limits', () => {
  for (const platform of adPlatforms) {
    const limits = platformLimits[platform];
    for (const field of ['headline', 'primaryText', 'description'] as const) {
      const max = limits[field].max;
      it(`${platform} ${field}: ${max} fits, ${max + 1} does not`, () => {
        const fits = checkAdCopy({ platform, [field]: 'a'.repeat(max) });
        expect(fits.withinLimits).toBe(true);
        expect(fits.limits).toEqual([{ field, length: max, max }]);
        const over = checkAdCopy({ platform, [field]: 'a'.repeat(max + 1) });
        expect(over.withinLimits).toBe(false);
        expect(over.limits).toEqual([{ field, length: max + 1, max }]);
      });
    }
    it(`${platform} callToAction: an allowed one passes, a wrong one does not`, () => {
      const values = limits.callToAction.values;
      const good = values?.[0] ?? 'a'.repeat(limits.callToAction.max);
      const bad = values === undefined ? 'a'.repeat(limits.callToAction.max + 1) : 'Grab yours';
      expect(checkAdCopy({ platform, callToAction: good }).withinLimits).toBe(true);
      expect(checkAdCopy({ platform, callToAction: bad }).withinLimits).toBe(false);
    });
  }

  it('measures as the platform counts: Google counts a CJK character as 2', () => {
    expect(checkAdCopy({ platform: 'google', headline: '咖'.repeat(15) }).withinLimits).toBe(true);
    expect(checkAdCopy({ platform: 'google', headline: '咖'.repeat(16) }).limits[0]).toEqual({
      field: 'headline',
      length: 32,
      max: 30,
    });
  });

  it('Google RSA: headline 30 and description 90', () => {
    expect(platformLimits.google.headline.max).toBe(30);
    expect(platformLimits.google.description.max).toBe(90);
  });
});
