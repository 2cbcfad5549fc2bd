import { afterEach, describe, expect, it } from 'vitest';
import type { AwsFault } from '../fakes/bedrock-fault-queue.js';
import { appErrorOf } from '../fakes/bedrock-subjects.js';
import { startSageMakerSubject } from '../fakes/sagemaker-subjects.js';

type Subject = Awaited<ReturnType<typeof startSageMakerSubject>>;
let subject: Subject | undefined;

afterEach(async () => {
  await subject?.close();
  subject = undefined;
});

const imageRequest = { prompt: 'A blue kettle', aspectRatio: '1:1' as const, count: 2 };
const videoRequest = { prompt: 'A blue kettle boiling', aspectRatio: '16:9' as const, durationSeconds: 5 };

const faults: { name: string; fault: AwsFault; code: string; retryable: boolean }[] = [
  { name: 'throttling', fault: { kind: 'throttle' }, code: 'RATE_LIMITED', retryable: true },
  {
    name: '500 InternalFailure',
    fault: { kind: 'server-error', status: 500 },
    code: 'PROVIDER_ERROR',
    retryable: true,
  },
  {
    name: '503 ServiceUnavailable',
    fault: { kind: 'server-error', status: 503 },
    code: 'PROVIDER_ERROR',
    retryable: true,
  },
  {
    name: 'ModelError from a container 503',
    fault: { kind: 'model-error', originalStatus: 503 },
    code: 'PROVIDER_ERROR',
    retryable: true,
  },
  {
    name: 'ModelError from a container 400',
    fault: { kind: 'model-error', originalStatus: 400 },
    code: 'PROVIDER_ERROR',
    retryable: false,
  },
  { name: 'a malformed answer', fault: { kind: 'malformed' }, code: 'PROVIDER_ERROR', retryable: false },
];

const calls: { name: string; run: (current: Subject) => Promise<unknown> }[] = [
  { name: 'Qwen-Image generate', run: (current) => current.image.generate(imageRequest) },
  { name: 'Wan2.2 start', run: (current) => current.video.start(videoRequest) },
];

describe('SageMaker faults become typed AppErrors after exactly one try', () => {
  for (const call of calls) {
    for (const { name, fault, code, retryable } of faults) {
      it(`${call.name}: ${name} → ${code} (retryable ${retryable})`, async () => {
        subject = await startSageMakerSubject();
        subject.fake.inject(fault);
        const error = await appErrorOf(call.run(subject));
        expect(error.code).toBe(code);
        expect(error.retryable).toBe(retryable);
        // The SDK client makes one attempt: retries belong to the resilience layer alone.
        expect(subject.fake.attempts).toBe(1);
      });
    }
  }

  it('a raw-image container that sends bytes which are no image is a PROVIDER_ERROR', async () => {
    subject = await startSageMakerSubject({ imageAnswer: 'raw' });
    subject.fake.inject({ kind: 'malformed' });
    const error = await appErrorOf(subject.image.generate({ ...imageRequest, count: 1 }));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
  });

  it('a raw-image container cannot answer a batch: the adapter refuses one image for two', async () => {
    subject = await startSageMakerSubject({ imageAnswer: 'raw' });
    const error = await appErrorOf(subject.image.generate(imageRequest));
    expect(error.code).toBe('PROVIDER_ERROR');
  });
});

describe('SageMaker signatures', () => {
  it('a wrong secret is rejected by the signature check: PROVIDER_ERROR, not retryable, nothing served', async () => {
    subject = await startSageMakerSubject({ secretAccessKey: 'not-the-secret' });
    for (const run of [
      () => subject!.image.generate(imageRequest),
      () => subject!.video.start(videoRequest),
    ]) {
      const error = await appErrorOf(run());
      expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
      expect(error.message).not.toContain('not-the-secret');
    }
    expect(subject.fake.rejected).toEqual(['InvalidSignatureException', 'InvalidSignatureException']);
    expect(subject.fake.requests).toHaveLength(0);
  });
});

describe('SageMaker cancellation', () => {
  it('aborting a slow InvokeEndpoint ends it with CANCELLED', async () => {
    subject = await startSageMakerSubject();
    subject.fake.inject({ kind: 'slow', delayMs: 5_000 });
    const controller = new AbortController();
    const pending = appErrorOf(subject.image.generate({ ...imageRequest, signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect((await pending).code).toBe('CANCELLED');
  });

  it('an already-aborted status poll is CANCELLED', async () => {
    subject = await startSageMakerSubject();
    const operation = await subject.video.start(videoRequest);
    const controller = new AbortController();
    controller.abort();
    expect((await appErrorOf(subject.video.status(operation, controller.signal))).code).toBe('CANCELLED');
  });
});

describe('SageMaker async outcomes', () => {
  it('stays running until the container writes, then succeeds; the failure location is never read as success', async () => {
    subject = await startSageMakerSubject();
    const operation = await subject.video.start(videoRequest);
    expect((await subject.video.status(operation)).state).toBe('running');
    await subject.fake.completeAll();
    const end = await subject.video.status(operation);
    expect(end.state).toBe('succeeded');
    if (end.state === 'succeeded') expect(end.video.durationSeconds).toBe(5);
  });

  it('a failure object becomes a failed state carrying the container message', async () => {
    subject = await startSageMakerSubject();
    subject.fake.failNext();
    const operation = await subject.video.start(videoRequest);
    await subject.fake.completeAll();
    expect(await subject.video.status(operation)).toEqual({
      state: 'failed',
      error: { code: 'PROVIDER_ERROR', message: 'sagemaker: CUDA out of memory (stand-in)' },
    });
  });
});
