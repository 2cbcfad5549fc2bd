import type { Model, Tool } from '@strands-agents/sdk';
import { AppError, isAppError } from '../errors/app-error.js';
import { preferComplete, repairVariant, selectVariants } from './ad-copy-repair.js';
import { type AdVariant, adCreativeOutputSchemaFor } from './ad-copy-schema.js';
import { type AdPlatform, adPlatforms } from './ad-platforms.js';
import { type AgentUsage, sumUsage } from './agent-usage.js';
import { applyBrandWords } from './brand-words.js';
import {
  type AdCreativeBrief,
  type BrandBrief,
  buildAdCreativeRepairRequest,
  buildAdCreativeRequest,
  buildAdCreativeSystemPrompt,
} from './prompts/ad-creative-prompt.js';
import { runStructuredAgent } from './run-agent.js';

export interface AdCreativeInput {
  product: string;
  audience?: string | undefined;
  platforms: AdPlatform[];
  tone?: string | undefined;
  variants: number;
}

export interface AdCreativeOptions {
  model: Model;
  input: AdCreativeInput;
  /** A tool the model may call once for a visual; the caller records what it makes. */
  imageTool?: Tool | undefined;
  /** The advertiser's brand: its voice goes in the prompt; banned and required words are enforced after. */
  brand?: BrandBrief | undefined;
  signal?: AbortSignal | undefined;
  /** Told what was repaired, in words fit for an MCP log notification. */
  onWarning?: ((message: string) => void) | undefined;
}

export interface AdCreativeResult {
  /** Exactly `variants` per platform, in the order of `platforms`, each within its limits. */
  variants: AdVariant[];
  /** Per variant (same order): what was re-asked, trimmed, removed or added. */
  repairs: string[][];
  usage: AgentUsage;
  /** True when the copy was re-asked or trimmed. */
  repaired: boolean;
}

export const maxVariantsPerPlatform = 10;
const task = 'write ad copy';

/**
 * Writes ad copy variants per platform. Copy that breaks a limit is re-asked once with every overshoot
 * listed; whatever still breaks one is trimmed at a word boundary (or its call to action replaced).
 */
export async function createAdCreative(options: AdCreativeOptions): Promise<AdCreativeResult> {
  const brief = validateBrief(options.input);
  const warn = options.onWarning ?? (() => {});
  const { model, signal } = options;
  const systemPrompt = buildAdCreativeSystemPrompt(brief.platforms, options.imageTool?.name, options.brand);
  const schema = adCreativeOutputSchemaFor(brief.platforms, brief.variants);
  const first = await runStructuredAgent({
    model,
    systemPrompt,
    prompt: buildAdCreativeRequest(brief),
    schema,
    task,
    tools: options.imageTool ? [options.imageTool] : [],
    signal,
    maxTurns: options.imageTool ? 6 : 4,
  });
  let usage = first.usage;
  const firstSelection = selectVariants(first.output.variants, brief.platforms, brief.variants);
  let chosen: Pick<typeof firstSelection, 'byPlatform' | 'shortfalls'> = firstSelection;
  let repaired = false;
  const reasked = new Map<AdPlatform, string[]>();

  if (firstSelection.overshoots.length > 0 || firstSelection.shortfalls.length > 0) {
    repaired = true;
    const problems = [
      ...firstSelection.overshoots.map(
        ({ overshoot, index }) => `${overshoot.platform} variant ${index + 1} ${overshoot.field}`,
      ),
      ...firstSelection.shortfalls.map(
        (shortfall) => `${shortfall.platform} had ${shortfall.got}/${shortfall.wanted} variants`,
      ),
    ];
    for (const { overshoot, index } of firstSelection.overshoots)
      reasked.set(overshoot.platform, [
        ...(reasked.get(overshoot.platform) ?? []),
        `variant ${index + 1} ${overshoot.field} ${overshoot.kind}`,
      ]);
    for (const shortfall of firstSelection.shortfalls)
      reasked.set(shortfall.platform, [
        ...(reasked.get(shortfall.platform) ?? []),
        `${shortfall.got}/${shortfall.wanted} variants`,
      ]);
    warn(`ad copy: asked the model once more because it broke the platform rules (${problems.join('; ')})`);
    const prompt = buildAdCreativeRepairRequest({
      brief,
      previous: [...firstSelection.byPlatform.values()].flat(),
      overshoots: firstSelection.overshoots,
      shortfalls: firstSelection.shortfalls,
    });
    try {
      const second = await runStructuredAgent({
        model,
        systemPrompt,
        prompt,
        schema,
        task,
        signal,
      });
      usage = sumUsage(usage, second.usage);
      chosen = preferComplete(
        selectVariants(second.output.variants, brief.platforms, brief.variants),
        firstSelection,
        brief.variants,
      );
    } catch (error) {
      // A failed re-ask still leaves a usable first answer when it was complete: trimming fixes the rest.
      if (!isAppError(error) || error.code !== 'PROVIDER_ERROR' || firstSelection.shortfalls.length > 0)
        throw error;
      usage = sumUsage(usage, error.details?.usage as Partial<AgentUsage> | undefined);
      warn(`ad copy: the re-ask failed (${error.message}); trimming the first answer instead`);
    }
  }

  if (chosen.shortfalls.length > 0) {
    const missing = chosen.shortfalls.map(
      (shortfall) => `${shortfall.got} of ${shortfall.wanted} for ${shortfall.platform}`,
    );
    throw new AppError(
      'PROVIDER_ERROR',
      `the model returned too few ad copy variants after being asked again (${missing.join(', ')})`,
      {
        details: { usage },
      },
    );
  }

  const variants: AdVariant[] = [];
  const perVariant: string[][] = [];
  const repairs: string[] = [];
  const branded: string[] = [];
  for (const platform of brief.platforms) {
    const asked = reasked.get(platform);
    (chosen.byPlatform.get(platform) ?? []).forEach((variant, index) => {
      const fixed = repairVariant(variant, index);
      const brand =
        options.brand === undefined
          ? { variant: fixed.variant, repairs: [] }
          : applyBrandWords(fixed.variant, options.brand, `${platform} variant ${index + 1}`);
      variants.push(brand.variant);
      repairs.push(...fixed.repairs);
      branded.push(...brand.repairs);
      perVariant.push([
        ...(asked === undefined ? [] : [`re-asked the model for ${platform}: ${asked.join('; ')}`]),
        ...fixed.repairs,
        ...brand.repairs,
      ]);
    });
  }
  if (repairs.length > 0) {
    repaired = true;
    warn(
      `ad copy: still over the limits after the re-ask, so trimmed at word boundaries: ${repairs.join('; ')}`,
    );
  }
  if (branded.length > 0) {
    repaired = true;
    warn(`ad copy: made to follow the brand kit: ${branded.join('; ')}`);
  }
  return { variants, repairs: perVariant, usage, repaired };
}

function validateBrief(input: AdCreativeInput): AdCreativeBrief {
  const platforms = [...new Set(input.platforms)];
  const unknown = platforms.filter((platform) => !(adPlatforms as readonly string[]).includes(platform));
  if (platforms.length === 0 || unknown.length > 0) {
    throw new AppError('INVALID_INPUT', `platforms: choose one or more of ${adPlatforms.join(', ')}`, {
      details: { field: 'platforms' },
    });
  }
  if (!Number.isInteger(input.variants) || input.variants < 1 || input.variants > maxVariantsPerPlatform) {
    throw new AppError('INVALID_INPUT', `variants: a whole number from 1 to ${maxVariantsPerPlatform}`, {
      details: { field: 'variants' },
    });
  }
  if (input.product.trim() === '') {
    throw new AppError('INVALID_INPUT', 'product: describe the product to advertise', {
      details: { field: 'product' },
    });
  }
  return { ...input, platforms };
}
