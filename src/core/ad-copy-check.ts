import { type PolicyFlag, policyFlags } from '../agents/ad-copy-policy.js';
import type { AdCopyField, AdPlatform } from '../agents/ad-platforms.js';
import { platformLimits } from '../agents/platform-limits.js';
import { measureText } from '../agents/text-measure.js';

export interface AdCopyCheckInput {
  platform: AdPlatform;
  headline?: string | undefined;
  primaryText?: string | undefined;
  description?: string | undefined;
  callToAction?: string | undefined;
}

export interface FieldLength {
  field: AdCopyField;
  length: number;
  max: number;
  /** A call to action from a fixed list: whether this one is on it. */
  allowed?: boolean;
}

export interface AdCopyCheck {
  /** Every given field fits its limit (and a fixed-list call to action is on the list). */
  withinLimits: boolean;
  limits: FieldLength[];
  policyFlags: PolicyFlag[];
}

const fields = ['headline', 'primaryText', 'description', 'callToAction'] as const;

/**
 * Checks copy against its platform's length limits (measured as the platform counts) and the
 * policy rules; free, stores nothing. Only the fields given are checked.
 */
export function checkAdCopy(input: AdCopyCheckInput): AdCopyCheck {
  const limits = platformLimits[input.platform];
  const lengths: FieldLength[] = [];
  for (const field of fields) {
    const text = input[field];
    if (text === undefined) continue;
    const length = measureText(text, limits.unit);
    const values = field === 'callToAction' ? limits.callToAction.values : undefined;
    lengths.push({
      field,
      length,
      max: limits[field].max,
      ...(values === undefined ? {} : { allowed: values.includes(text) }),
    });
  }
  return {
    withinLimits: lengths.every((entry) => entry.length <= entry.max && entry.allowed !== false),
    limits: lengths,
    policyFlags: policyFlags(input.platform, input),
  };
}
