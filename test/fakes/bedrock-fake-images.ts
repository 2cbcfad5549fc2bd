import { z } from 'zod';
import { encodePng } from './png.js';

/**
 * InvokeModel bodies the Bedrock stand-in accepts, validated as strictly as the documented
 * schemas (docs/providers-aws.md), and real PNG answers at the size the model would make.
 */
const novaSide = z
  .number()
  .int()
  .min(320)
  .max(4096)
  .refine((value) => value % 16 === 0, 'must be a multiple of 16');

export const novaCanvasBodySchema = z
  .object({
    taskType: z.literal('TEXT_IMAGE'),
    textToImageParams: z
      .object({ text: z.string().min(1).max(1024), negativeText: z.string().min(1).max(1024).optional() })
      .strict(),
    imageGenerationConfig: z
      .object({
        width: novaSide.optional(),
        height: novaSide.optional(),
        numberOfImages: z.number().int().min(1).max(5).optional(),
        quality: z.enum(['standard', 'premium']).optional(),
        cfgScale: z.number().min(1.1).max(10).optional(),
        seed: z.number().int().min(0).max(858_993_459).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((body) => {
    const width = body.imageGenerationConfig?.width ?? 1024;
    const height = body.imageGenerationConfig?.height ?? 1024;
    return width * height <= 4_194_304 && width / height <= 4 && height / width <= 4;
  }, 'size must be at most 4,194,304 pixels with an aspect ratio between 1:4 and 4:1');

const stabilityRatios = ['16:9', '1:1', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'] as const;

export const stabilityBodySchema = z
  .object({
    prompt: z.string().min(1).max(10_000),
    negative_prompt: z.string().max(10_000).optional(),
    aspect_ratio: z.enum(stabilityRatios).optional(),
    seed: z.number().int().min(0).max(4_294_967_294).optional(),
    // The stand-in can only draw PNGs; jpeg and webp are valid for the real model.
    output_format: z.literal('png').optional(),
    mode: z.literal('text-to-image').optional(),
  })
  .strict();

/** The stand-in's own sizes: exact ratios near 1–1.5 MP (Bedrock does not document Stability's pixel sizes). */
const stabilitySizes: Record<(typeof stabilityRatios)[number], [number, number]> = {
  '1:1': [1024, 1024],
  '16:9': [1536, 864],
  '9:16': [864, 1536],
  '21:9': [1680, 720],
  '9:21': [720, 1680],
  '3:2': [1536, 1024],
  '2:3': [1024, 1536],
  '5:4': [1280, 1024],
  '4:5': [1024, 1280],
};

const pngCache = new Map<string, string>();

/** Base64 PNG of a size, cached: the property tests ask for the same sizes many times. */
export function base64Png(width: number, height: number): string {
  const key = `${width}x${height}`;
  let png = pngCache.get(key);
  if (png === undefined) {
    png = encodePng(width, height).toString('base64');
    pngCache.set(key, png);
  }
  return png;
}

export type ImageAnswer = { ok: true; json: unknown } | { ok: false; message: string };

function issues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

export function answerNovaCanvas(body: unknown): ImageAnswer {
  const parsed = novaCanvasBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: `Malformed input request: ${issues(parsed.error)}` };
  const config = parsed.data.imageGenerationConfig;
  const png = base64Png(config?.width ?? 1024, config?.height ?? 1024);
  return { ok: true, json: { images: Array.from({ length: config?.numberOfImages ?? 1 }, () => png) } };
}

export function answerStability(body: unknown): ImageAnswer {
  const parsed = stabilityBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: `Malformed input request: ${issues(parsed.error)}` };
  const [width, height] = stabilitySizes[parsed.data.aspect_ratio ?? '1:1'];
  return {
    ok: true,
    json: { seeds: [parsed.data.seed ?? 1234], finish_reasons: [null], images: [base64Png(width, height)] },
  };
}
