import { z } from 'zod';
import { defineTool } from './tool-definition.js';

const word = z.string().trim().min(1).max(100);

const brandKitSchema = z.object({
  name: z.string().nullable(),
  voice: z.string().nullable(),
  bannedWords: z.array(z.string()),
  requiredWords: z.array(z.string()),
  colors: z.array(z.string()),
  logoAssetId: z.string().nullable(),
  disclaimer: z.string().nullable(),
});

/** What `set_brand_kit` and `PUT /api/v1/me/brand-kit` take: the whole kit (fields left out are cleared). */
export const brandKitInputSchema = z.object({
  name: z.string().trim().min(1).max(200).nullable().optional(),
  voice: z.string().trim().min(1).max(1000).nullable().optional().describe('how the brand speaks'),
  bannedWords: z.array(word).max(100).optional().describe('never used in copy'),
  requiredWords: z.array(word).max(20).optional().describe('every variant includes each'),
  colors: z
    .array(z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a hex colour like #1a2b3c'))
    .max(10)
    .optional(),
  logoAssetId: z.string().max(100).nullable().optional().describe('one of your image assets'),
  disclaimer: z.string().trim().min(1).max(500).nullable().optional(),
});

export const getBrandKitTool = defineTool({
  name: 'get_brand_kit',
  title: 'Get brand kit',
  description:
    'Your brand kit: name, voice, banned and required words, colours, logo and disclaimer (empty fields when none is set). Free.',
  input: z.object({}),
  output: brandKitSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(_input, { core, caller }) {
    return { structured: await core.getBrandKit(caller) };
  },
});

export const setBrandKitTool = defineTool({
  name: 'set_brand_kit',
  title: 'Set brand kit',
  description:
    'Set your brand kit, replacing the previous one: create_ad_creative writes in its voice, never uses a banned word and includes the required ones; generate_image and create_placement_pack follow its colours, and placement packs carry its logo (one of your image assets) where the placement allows. Free.',
  input: brandKitInputSchema,
  output: brandKitSchema,
  annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
  async handler(input, { core, caller }) {
    return { structured: await core.setBrandKit(caller, input) };
  },
});
