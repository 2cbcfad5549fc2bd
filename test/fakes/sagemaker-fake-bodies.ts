import { z } from 'zod';

/** What the stand-in's containers accept: the assumed Qwen-Image and Wan2.2 contracts (docs/providers-aws.md). */
const side = z
  .number()
  .int()
  .min(256)
  .max(2048)
  .refine((value) => value % 16 === 0, 'must be a multiple of 16');

export const qwenImageBodySchema = z
  .object({
    prompt: z.string().min(1),
    negative_prompt: z.string().optional(),
    width: side,
    height: side,
    num_images: z.number().int().min(1).max(4),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .strict();

const wanSizes = new Set(['1280x720', '720x1280', '832x480', '480x832']);

export const wanVideoBodySchema = z
  .object({
    prompt: z.string().min(1),
    negative_prompt: z.string().optional(),
    width: z.number().int(),
    height: z.number().int(),
    num_frames: z
      .number()
      .int()
      .min(5)
      .max(161)
      .refine((value) => (value - 1) % 4 === 0, 'must be 4n+1'),
    fps: z.union([z.literal(16), z.literal(24)]),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    image: z.string().min(1).optional(),
  })
  .strict()
  .refine(
    (body) => wanSizes.has(`${body.width}x${body.height}`),
    'width x height must be one of Wan2.2 sizes',
  );

export function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}
