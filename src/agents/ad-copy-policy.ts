import type { AdCopyField, AdPlatform } from './ad-platforms.js';
import { adPolicyRules, type PolicySeverity } from './ad-policy-rules.js';

export interface PolicyFlag {
  rule: string;
  field: AdCopyField;
  severity: PolicySeverity;
  excerpt: string;
  source: string;
}

/** Every policy rule of `platform` the given fields break, one flag per rule, field and excerpt. */
export function policyFlags(
  platform: AdPlatform,
  copy: Partial<Record<AdCopyField, string | undefined>>,
): PolicyFlag[] {
  const flags: PolicyFlag[] = [];
  for (const rule of adPolicyRules) {
    if (!rule.platforms.includes(platform)) continue;
    for (const field of rule.fields) {
      const text = copy[field];
      if (text === undefined || text === '') continue;
      for (const excerpt of new Set(rule.find(text))) {
        flags.push({ rule: rule.id, field, severity: rule.severity, excerpt, source: rule.source });
      }
    }
  }
  return flags;
}
