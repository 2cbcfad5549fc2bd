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

/** Set on the answer of a repeated idempotency key: nothing was charged this time. */
export const replayedSchema = z
  .boolean()
  .optional()
  .describe('true when this is the recorded answer of a repeated idempotencyKey (charged 0 this time)');

export const maxCreditsSchema = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe(
    'Never charge more than this: a call that cannot be done within it is refused with BUDGET_EXCEEDED before any model is called.',
  );

/** What every paid tool's answer ends with: what it cost, which model served it, and whether it was a replay. */
export const paidAnswerFields = {
  creditsCharged: z.number().int(),
  model: modelRefSchema,
  replayed: replayedSchema,
};
