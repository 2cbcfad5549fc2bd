import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { createBedrockClients } from '../../src/providers/bedrock/bedrock-clients.js';
import { bedrockSettings } from '../../src/providers/bedrock/bedrock-settings.js';
import { StabilityImageModel } from '../../src/providers/bedrock/stability-image-model.js';
import { findModel } from '../../src/providers/catalogue.js';
import { readImageInfo } from '../../src/providers/image-dimensions.js';
import type { AspectRatio, ImageModel } from '../../src/providers/image-model.js';
import type { AwsFault } from '../fakes/bedrock-fault-queue.js';
import { startBedrockSubject } from '../fakes/bedrock-subjects.js';
import { startSageMakerSubject } from '../fakes/sagemaker-subjects.js';

// Property 8: whatever the adapter and the faults, an image call returns decodable images of the
// requested count and aspect ratio, or fails with a typed AppError; never anything in between.

type BedrockSubject = Awaited<ReturnType<typeof startBedrockSubject>>;
type SageMakerSubject = Awaited<ReturnType<typeof startSageMakerSubject>>;
let bedrock: BedrockSubject;
let sagemaker: SageMakerSubject;
let stabilityClient: ReturnType<typeof createBedrockClients>['runtime'];
let models: Record<string, { model: ImageModel; inject(fault: AwsFault): void; clear(): void }>;

beforeAll(async () => {
  bedrock = await startBedrockSubject();
  sagemaker = await startSageMakerSubject();
  const { runtime, s3 } = createBedrockClients(bedrockSettings(bedrock.config));
  s3.destroy();
  stabilityClient = runtime;
  const onBedrock = {
    inject: (fault: AwsFault) => bedrock.fake.inject(fault),
    clear: () => bedrock.fake.clearFaults(),
  };
  models = {
    'nova-canvas': { model: bedrock.image, ...onBedrock },
    'stable-image-core': {
      model: new StabilityImageModel({
        client: runtime,
        catalogueId: 'stable-image-core',
        providerModelId: findModel('stable-image-core')?.providerModelId ?? '',
      }),
      ...onBedrock,
    },
    'qwen-image': {
      model: sagemaker.image,
      inject: (fault) => sagemaker.fake.inject(fault),
      clear: () => sagemaker.fake.clearFaults(),
    },
  };
});

afterAll(async () => {
  stabilityClient.destroy();
  await bedrock.close();
  await sagemaker.close();
});

const faultArbitrary: fc.Arbitrary<AwsFault | undefined> = fc.option(
  fc.oneof(
    fc.constant<AwsFault>({ kind: 'throttle' }),
    fc.constantFrom<AwsFault>({ kind: 'server-error', status: 500 }, { kind: 'server-error', status: 503 }),
    fc.constant<AwsFault>({ kind: 'malformed' }),
    fc.constant<AwsFault>({ kind: 'slow', delayMs: 5 }),
    fc
      .integer({ min: 400, max: 599 })
      .map<AwsFault>((originalStatus) => ({ kind: 'model-error', originalStatus })),
  ),
  { nil: undefined },
);

const ratioValue = (ratio: AspectRatio) => {
  const [width = 1, height = 1] = ratio.split(':').map(Number);
  return width / height;
};

describe('property 8: image outputs are decodable images of the requested count and aspect ratio', () => {
  it('holds for every AWS image adapter, ratio it declares, count, seed and injected fault', async () => {
    const scenario = fc.constantFrom('nova-canvas', 'stable-image-core', 'qwen-image').chain((catalogueId) =>
      fc.record({
        catalogueId: fc.constant(catalogueId),
        aspectRatio: fc.constantFrom(...(findModel(catalogueId)?.capabilities.aspectRatios ?? [])),
        count: fc.integer({ min: 1, max: 4 }),
        seed: fc.option(fc.integer({ min: 0, max: 2 ** 32 }), { nil: undefined }),
        prompt: fc.string({ minLength: 1, maxLength: 200 }).filter((text) => text.trim().length > 0),
        fault: faultArbitrary,
      }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ catalogueId, aspectRatio, count, seed, prompt, fault }) => {
        const subject = models[catalogueId]!;
        subject.clear();
        if (fault !== undefined) subject.inject(fault);
        const result = await subject.model.generate({ prompt, aspectRatio, count, seed }).then(
          (images) => ({ images }),
          (error: unknown) => ({ error }),
        );
        if ('error' in result) {
          expect(result.error, 'a failure is always a typed AppError').toBeInstanceOf(AppError);
          expect(fault, 'only an injected fault may fail the call').toBeDefined();
          expect(fault?.kind).not.toBe('slow');
          return;
        }
        expect(fault === undefined || fault.kind === 'slow', 'a fault never yields images').toBe(true);
        expect(result.images).toHaveLength(count);
        for (const image of result.images) {
          const info = readImageInfo(image.bytes);
          expect(info).toEqual({ mimeType: image.mimeType, width: image.width, height: image.height });
          const error =
            Math.abs(image.width / image.height - ratioValue(aspectRatio)) / ratioValue(aspectRatio);
          expect(error).toBeLessThanOrEqual(aspectRatio === '1.91:1' ? 0.08 : 0.03);
        }
      }),
      { numRuns: 60 },
    );
  });
});
