import { z } from 'zod';

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .optional()
  .describe('Repeat a call safely: the same key returns the first result and charges once.');

export const modelRefSchema = z.object({ provider: z.string(), id: z.string() });

export const catalogueIdSchema = z.string().min(1).max(100);
