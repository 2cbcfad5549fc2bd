import { z } from 'zod';
import { adPlatforms } from '../agents/ad-platforms.js';
import { defineTool } from './tool-definition.js';

const field = z.string().max(5000).optional();

export const policyFlagSchema = z.object({
  rule: z.string(),
  field: z.string(),
  severity: z.enum(['warn', 'block']),
  excerpt: z.string(),
  source: z.string(),
});

export const checkAdCopyTool = defineTool({
  name: 'check_ad_copy',
  title: 'Check ad copy',
  description:
    "Check ad copy before it ships: each field's length against the platform's limit (counted as the platform counts) and policy flags (personal attributes, absolute health or money claims, Google's capitals and punctuation, TikTok's ad text rules), each with its rule, severity (warn or block), field, excerpt and source. Free.",
  input: z.object({
    platform: z.enum(adPlatforms),
    headline: field,
    primaryText: field,
    description: field,
    callToAction: field,
  }),
  output: z.object({
    withinLimits: z.boolean(),
    limits: z.array(
      z.object({
        field: z.string(),
        length: z.number().int(),
        max: z.number().int(),
        allowed: z.boolean().optional(),
      }),
    ),
    policyFlags: z.array(policyFlagSchema),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(input, { core }) {
    return { structured: core.checkAdCopy(input) };
  },
});
