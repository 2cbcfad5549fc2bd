import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import type { CatalogueEntry } from '../catalogue-entry.js';
import { bedrockGeographies } from './inference-profile.js';

export const bedrockImageAdapters = ['nova-canvas', 'stability'] as const;
export type BedrockImageAdapter = (typeof bedrockImageAdapters)[number];

const bedrockRowSchema = z.strictObject({
  /** Chat: the system-defined cross-Region profiles the model has (Claude 4.x has no in-Region use). */
  inferenceProfiles: z.array(z.enum(bedrockGeographies)).optional(),
  /** Image: which adapter draws the row, since each model family has its own request body. */
  adapter: z.enum(bedrockImageAdapters).optional(),
});

/** What a Bedrock catalogue row may carry in `providerOptions`; rows use it with `satisfies`. */
export type BedrockRowOptions = z.input<typeof bedrockRowSchema>;

/** The Bedrock options of a row, checked: the catalogue is data, and test rows come from outside. */
export function bedrockRowOptions(entry: CatalogueEntry): z.output<typeof bedrockRowSchema> {
  const parsed = bedrockRowSchema.safeParse(entry.providerOptions ?? {});
  if (!parsed.success) {
    throw new AppError(
      'INTERNAL',
      `catalogue row ${entry.id} has malformed Bedrock options: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
