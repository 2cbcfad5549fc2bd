import { describe, expect, it } from 'vitest';
import { startSageMakerSubject } from '../fakes/sagemaker-subjects.js';
import { describeImageModelContract } from './image-model.contract.js';

for (const imageAnswer of ['images', 'generated_images'] as const) {
  describeImageModelContract(`sagemaker qwen-image (JSON ${imageAnswer})`, async () => {
    const subject = await startSageMakerSubject({ imageAnswer });
    return { model: subject.image, close: subject.close };
  });
}

describe('sagemaker qwen-image: what reached the stand-in', () => {
  it('sends one InvokeEndpoint with the whole batch to the configured endpoint', async () => {
    const subject = await startSageMakerSubject();
    try {
      await subject.image.generate({
        prompt: 'A kite',
        negativePrompt: 'blur',
        aspectRatio: '16:9',
        count: 2,
        seed: 9,
      });
      expect(subject.fake.requests).toEqual([
        expect.objectContaining({
          operation: 'invoke-endpoint',
          endpointName: subject.fake.imageEndpoint,
          body: {
            prompt: 'A kite',
            negative_prompt: 'blur',
            width: 1664,
            height: 928,
            num_images: 2,
            seed: 9,
          },
        }),
      ]);
    } finally {
      await subject.close();
    }
  });

  it('accepts a container answering one raw PNG', async () => {
    const subject = await startSageMakerSubject({ imageAnswer: 'raw' });
    try {
      const [image] = await subject.image.generate({ prompt: 'A kite', aspectRatio: '1:1', count: 1 });
      expect(image).toMatchObject({ mimeType: 'image/png', width: 1328, height: 1328 });
    } finally {
      await subject.close();
    }
  });
});
