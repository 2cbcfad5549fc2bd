import type { Model } from '@strands-agents/sdk';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { AspectRatio } from '../providers/image-model.js';
import { trimAtWordBoundary } from './ad-copy-schema.js';
import type { AgentUsage } from './agent-usage.js';
import { buildImagePromptRequest, buildImagePromptSystemPrompt } from './prompts/image-prompt-prompt.js';
import { runStructuredAgent } from './run-agent.js';
import { graphemes } from './text-measure.js';

export interface ImagePromptLimits {
  /** Longest prompt the model accepts, in characters. */
  maxPromptLength: number;
  negativePrompt: boolean;
}

/**
 * Prompt limits per image catalogue id; a `*` entry matches by prefix. Sources in docs/agents.md:
 * Nova Canvas text and negativeText take 1 to 1,024 characters, Stable Image prompts up to 10,000.
 * Qwen-Image and Gemini publish no character cap; their numbers are our choice.
 */
export const imagePromptLimits: Readonly<Record<string, ImagePromptLimits>> = Object.freeze({
  'qwen-image': { maxPromptLength: 1000, negativePrompt: true },
  'nova-canvas': { maxPromptLength: 1024, negativePrompt: true },
  'stable-image-*': { maxPromptLength: 10_000, negativePrompt: true },
  'stability-*': { maxPromptLength: 10_000, negativePrompt: true },
  'gemini-*': { maxPromptLength: 4000, negativePrompt: false },
});

export const defaultImagePromptLimits: ImagePromptLimits = Object.freeze({
  maxPromptLength: 1000,
  negativePrompt: true,
});

export function imagePromptLimitsFor(imageModelId: string): ImagePromptLimits {
  const exact = imagePromptLimits[imageModelId];
  if (exact) return exact;
  const prefixed = Object.entries(imagePromptLimits).find(
    ([key]) => key.endsWith('*') && imageModelId.startsWith(key.slice(0, -1)),
  );
  return prefixed?.[1] ?? defaultImagePromptLimits;
}

export const imagePromptSchema = z
  .object({
    prompt: z.string().min(1).describe('The image prompt'),
    negativePrompt: z.string().optional().describe('What must not appear, when the model supports it'),
  })
  .describe('A prompt for an image model');

export interface ImagePromptOptions {
  model: Model;
  brief: string;
  aspectRatio: AspectRatio;
  imageModelId: string;
  signal?: AbortSignal | undefined;
  onWarning?: ((message: string) => void) | undefined;
}

export interface ImagePromptResult {
  prompt: string;
  negativePrompt?: string;
  usage: AgentUsage;
}

/** Turns an advertising brief into a prompt that fits the user's image model. */
export async function writeImagePrompt(options: ImagePromptOptions): Promise<ImagePromptResult> {
  if (options.brief.trim() === '') {
    throw new AppError('INVALID_INPUT', 'brief: describe the image you want', {
      details: { field: 'brief' },
    });
  }
  const limits = imagePromptLimitsFor(options.imageModelId);
  const brief = { ...options, ...limits };
  const { output, usage } = await runStructuredAgent({
    model: options.model,
    systemPrompt: buildImagePromptSystemPrompt(brief),
    prompt: buildImagePromptRequest(brief),
    schema: imagePromptSchema,
    task: 'write an image prompt',
    signal: options.signal,
  });
  const prompt = fitPrompt(output.prompt, limits.maxPromptLength);
  if (prompt !== output.prompt) {
    options.onWarning?.(
      `image prompt trimmed to ${limits.maxPromptLength} characters for ${options.imageModelId}`,
    );
  }
  const negative = limits.negativePrompt ? output.negativePrompt?.trim() : undefined;
  const result: ImagePromptResult = { prompt, usage };
  if (negative) result.negativePrompt = fitPrompt(negative, limits.maxPromptLength);
  return result;
}

/** AWS counts prompt characters in UTF-16 code units: keep whole graphemes that fit, then cut at a word. */
function fitPrompt(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let fitting = 0;
  let used = 0;
  for (const grapheme of graphemes(trimmed)) {
    if (used + grapheme.length > max) break;
    used += grapheme.length;
    fitting += 1;
  }
  return trimAtWordBoundary(trimmed, fitting);
}
