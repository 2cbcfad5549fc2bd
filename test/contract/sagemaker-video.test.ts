import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { asyncBucket, startSageMakerSubject } from '../fakes/sagemaker-subjects.js';
import { describeVideoModelContract } from './video-model.contract.js';

for (const videoAnswer of ['raw', 'json'] as const) {
  describeVideoModelContract(`sagemaker wan2.2 (output ${videoAnswer})`, async () => {
    const subject = await startSageMakerSubject({ videoAnswer });
    return {
      model: subject.video,
      completeAll: () => subject.fake.completeAll(),
      failNext: () => subject.fake.failNext(),
      close: subject.close,
    };
  });
}

describe('sagemaker wan2.2: what reached the stand-in', () => {
  it('writes the input JSON under the async prefix and invokes the endpoint with that location', async () => {
    const subject = await startSageMakerSubject();
    try {
      const operation = await subject.video.start({
        prompt: 'Surf',
        durationSeconds: 5,
        aspectRatio: '9:16',
        seed: 4,
      });
      const [request] = subject.fake.requests;
      expect(request?.operation).toBe('invoke-endpoint-async');
      expect(request?.endpointName).toBe(subject.fake.videoEndpoint);
      expect(request?.inputLocation).toMatch(
        new RegExp(`^s3://${asyncBucket}/async-input/[0-9a-f-]+\\.json$`),
      );
      const key = request?.inputLocation?.replace(`s3://${asyncBucket}/`, '');
      const stored = await subject.s3.send(new GetObjectCommand({ Bucket: asyncBucket, Key: key }));
      expect(JSON.parse((await stored.Body?.transformToString()) ?? '')).toEqual({
        prompt: 'Surf',
        width: 720,
        height: 1280,
        num_frames: 81,
        fps: 16,
        seed: 4,
      });
      expect(operation.id).toMatch(/^s3:\/\/adengine-async\/async-output\/.+\.out$/);
      expect(operation.data.failureLocation).toMatch(/-error\.out$/);
    } finally {
      await subject.close();
    }
  });
});
