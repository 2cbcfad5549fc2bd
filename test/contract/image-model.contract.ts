import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { findModel } from '../../src/providers/catalogue.js';
import { readImageInfo } from '../../src/providers/image-dimensions.js';
import type { AspectRatio, ImageModel } from '../../src/providers/image-model.js';

export interface ImageModelContractSubject {
  model: ImageModel;
  close(): Promise<void>;
}

const counts = [1, 2, 3, 4];

function ratioOf(aspectRatio: AspectRatio): number {
  const [width, height] = aspectRatio.split(':').map(Number);
  return (width ?? 1) / (height ?? 1);
}

/** 1.91:1 is no vendor's native ratio: it may round to the nearest one they offer (16:9 is 7% off). */
function toleranceOf(aspectRatio: AspectRatio): number {
  return aspectRatio === '1.91:1' ? 0.08 : 0.03;
}

/**
 * What every image adapter must do. The aspect ratios tried are those its catalogue entry
 * (found by `model.modelId`) declares; `setup` runs before each case.
 */
export function describeImageModelContract(
  name: string,
  setup: () => Promise<ImageModelContractSubject>,
): void {
  describe(`image model contract: ${name}`, () => {
    let subject: ImageModelContractSubject;

    beforeEach(async () => {
      subject = await setup();
    });
    afterEach(async () => {
      await subject?.close();
    });

    it('is an image model of the catalogue', () => {
      const entry = findModel(subject.model.modelId);
      expect(entry?.kind).toBe('image');
      expect(entry?.provider).toBe(subject.model.provider);
    });

    it('returns the requested count of decodable images of each supported aspect ratio', async () => {
      const entry = findModel(subject.model.modelId);
      const ratios = entry?.capabilities.aspectRatios ?? [];
      expect(ratios.length).toBeGreaterThan(0);
      for (const aspectRatio of ratios) {
        for (const count of counts) {
          const images = await subject.model.generate({
            prompt: 'A red bicycle on a beach at sunset',
            negativePrompt: 'text, watermark',
            aspectRatio,
            count,
            seed: 42,
          });
          expect(images, `${count} × ${aspectRatio}`).toHaveLength(count);
          for (const image of images) {
            const info = readImageInfo(image.bytes);
            expect(info, `decodable ${aspectRatio}`).toBeDefined();
            expect(image.mimeType).toBe(info?.mimeType);
            expect(image.width).toBe(info?.width);
            expect(image.height).toBe(info?.height);
            const actual = image.width / image.height;
            const wanted = ratioOf(aspectRatio);
            expect(
              Math.abs(actual - wanted) / wanted,
              `${image.width}x${image.height} for ${aspectRatio}`,
            ).toBeLessThanOrEqual(toleranceOf(aspectRatio));
          }
        }
      }
    });

    it('fails with CANCELLED when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await subject.model
        .generate({ prompt: 'A cat', aspectRatio: '1:1', count: 1, signal: controller.signal })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('CANCELLED');
    });
  });
}
