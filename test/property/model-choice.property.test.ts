import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { type ListedModel, listCatalogue } from '../../src/providers/catalogue.js';
import type { AspectRatio } from '../../src/providers/image-model.js';
import { createModelRegistry, type ModelRequest } from '../../src/providers/model-registry.js';
import { configFrom } from '../fakes/scripted-config.js';
import { scriptedModules } from '../fakes/scripted-modules.js';

/** Groups of settings, each turning on one provider's models. */
const providerSettings = {
  bedrock: { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example' },
  reel: { BEDROCK_VIDEO_OUTPUT_S3_URI: 's3://videos/reel/' },
  qwenImage: { SAGEMAKER_QWEN_IMAGE_ENDPOINT: 'qwen-image' },
  wan: { SAGEMAKER_WAN_VIDEO_ENDPOINT: 'wan-video', SAGEMAKER_ASYNC_S3_URI: 's3://async/in/' },
  gemini: { GEMINI_API_KEY: 'fake-gemini-key' },
} as const;
const ratios: AspectRatio[] = ['1:1', '4:5', '9:16', '16:9', '1.91:1'];
const allIds = listCatalogue(configFrom({})).map((model) => model.id);

/** The rule as the issue states it, independent of the resolver. */
function canDo(model: ListedModel, request: ModelRequest): boolean {
  const { maxVideoSeconds, aspectRatios, maxImages, imageInput } = model.capabilities;
  if (
    request.durationSeconds !== undefined &&
    maxVideoSeconds !== undefined &&
    request.durationSeconds > maxVideoSeconds
  )
    return false;
  if (
    request.aspectRatio !== undefined &&
    aspectRatios.length > 0 &&
    !aspectRatios.includes(request.aspectRatio)
  )
    return false;
  if (request.count !== undefined && request.count > (maxImages ?? 4)) return false;
  return !(request.imageInput === true && imageInput === false);
}

function refusal(action: () => unknown): AppError | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

const scenario = fc.record({
  groups: fc.subarray(Object.keys(providerSettings) as Array<keyof typeof providerSettings>),
  kind: fc.constantFrom('image' as const, 'video' as const),
  preferred: fc.option(fc.constantFrom(...allIds), { nil: undefined }),
  explicit: fc.option(fc.constantFrom(...allIds), { nil: undefined }),
  durationSeconds: fc.integer({ min: 1, max: 10 }),
  aspectRatio: fc.constantFrom(...ratios),
  count: fc.integer({ min: 1, max: 4 }),
  imageInput: fc.boolean(),
  // Around the retirements in the catalogue (2026-06-17 … 2026-10-02) and after.
  day: fc.integer({ min: 0, max: 400 }),
});

describe('capability-aware model choice (issue 13)', () => {
  it('picks a served model that can do the request, or refuses naming the configured models that can', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const now = new Date(Date.UTC(2026, 4, 1) + input.day * 86_400_000);
        const environment = Object.assign({}, ...input.groups.map((group) => providerSettings[group]));
        const config = configFrom(environment);
        const registry = createModelRegistry({ config, now: () => now, modules: scriptedModules().modules });
        const models = registry.list(input.kind);
        const request: ModelRequest =
          input.kind === 'video'
            ? {
                durationSeconds: input.durationSeconds,
                aspectRatio: input.aspectRatio,
                imageInput: input.imageInput,
              }
            : { aspectRatio: input.aspectRatio, count: input.count };
        const able = models.filter(
          (model) => model.configured && model.lifecycle.status === 'active' && canDo(model, request),
        );
        const explicit = models.find((model) => model.id === input.explicit);
        let chosen: string | undefined;
        const error = refusal(() => {
          chosen = registry.resolve(input.kind, explicit?.id, { preferred: input.preferred, request }).entry
            .id;
        });

        if (explicit !== undefined) {
          const usable = explicit.configured && explicit.lifecycle.status !== 'retired';
          if (usable && canDo(explicit, request)) expect(chosen).toBe(explicit.id);
          else expect(error).toBeDefined();
          if (usable && !canDo(explicit, request)) {
            expect(error?.code).toBe('INVALID_INPUT');
            for (const model of able) expect(error?.message).toContain(model.id);
          }
          return;
        }
        if (chosen !== undefined) {
          const model = models.find((candidate) => candidate.id === chosen);
          expect(model?.configured).toBe(true);
          expect(model?.lifecycle.status).not.toBe('retired');
          expect(canDo(model as ListedModel, request)).toBe(true);
          // Only a preference may bring a deprecated or legacy model; the automatic choice is active.
          if (model?.lifecycle.status !== 'active') expect([input.preferred]).toContain(chosen);
          // The preference is used whenever it can be.
          const preferred = models.find((candidate) => candidate.id === input.preferred);
          if (
            preferred?.configured === true &&
            preferred.lifecycle.status !== 'retired' &&
            canDo(preferred, request)
          )
            expect(chosen).toBe(preferred.id);
          return;
        }
        // Refused without an explicit model: only when no configured active model can.
        expect(able).toEqual([]);
        expect(['INVALID_INPUT', 'PROVIDER_NOT_CONFIGURED']).toContain(error?.code);
        // It names the catalogue models that could, with what to set.
        const could = listCatalogue(configFrom({}), input.kind).filter(
          (model) =>
            registry.list(input.kind).find((listed) => listed.id === model.id)?.lifecycle.status ===
              'active' && canDo(model, request),
        );
        for (const model of could) expect(error?.message).toContain(model.id);
      }),
      { numRuns: 400 },
    );
  });
});
