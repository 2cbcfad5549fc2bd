import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VideoModel, VideoOperation, VideoStatus } from '../../src/providers/video-model.js';

export interface VideoModelContractSubject {
  model: VideoModel;
  /** Lets every job started so far reach its end (success, or failure if `failNext` marked it). */
  completeAll(): Promise<void>;
  /** The next job started will fail once completed. */
  failNext(): void;
  close(): Promise<void>;
}

const request = {
  prompt: 'A drone shot over a beach',
  durationSeconds: 6,
  aspectRatio: '16:9' as const,
  seed: 7,
};
const maxPolls = 20;

function roundTrip(operation: VideoOperation): VideoOperation {
  return JSON.parse(JSON.stringify(operation)) as VideoOperation;
}

async function pollToEnd(model: VideoModel, operation: VideoOperation): Promise<VideoStatus> {
  for (let poll = 0; poll < maxPolls; poll++) {
    const status = await model.status(roundTrip(operation));
    if (status.state !== 'running') return status;
  }
  throw new Error(`no terminal state after ${maxPolls} polls`);
}

/** What every video adapter must do: start/status, resumable from stored JSON, one terminal state. */
export function describeVideoModelContract(
  name: string,
  setup: () => Promise<VideoModelContractSubject>,
): void {
  describe(`video model contract: ${name}`, () => {
    let subject: VideoModelContractSubject;

    beforeEach(async () => {
      subject = await setup();
    });
    afterEach(async () => {
      await subject?.close();
    });

    it('starts a job that runs, then succeeds exactly once with video bytes', async () => {
      const operation = await subject.model.start(request);
      expect(operation.provider).toBe(subject.model.provider);
      expect(operation.modelId).toBe(subject.model.modelId);
      expect(operation.id.length).toBeGreaterThan(0);

      const first = await subject.model.status(operation);
      expect(first.state).toBe('running');
      if (first.state === 'running' && first.progress !== undefined) {
        expect(first.progress).toBeGreaterThanOrEqual(0);
        expect(first.progress).toBeLessThanOrEqual(1);
      }

      await subject.completeAll();
      const end = await pollToEnd(subject.model, operation);
      expect(end.state).toBe('succeeded');
      if (end.state !== 'succeeded') return;
      expect(end.video.bytes.length).toBeGreaterThan(0);
      expect(end.video.mimeType).toMatch(/^video\//);

      // A terminal state never changes: polling again gives the same answer.
      for (let again = 0; again < 3; again++) {
        const later = await subject.model.status(operation);
        expect(later.state).toBe('succeeded');
        if (later.state === 'succeeded')
          expect(Buffer.from(later.video.bytes)).toEqual(Buffer.from(end.video.bytes));
      }
    });

    it('gives an operation that survives being stored as JSON and parsed again', async () => {
      const operation = await subject.model.start(request);
      const stored = JSON.stringify(operation);
      const parsed = JSON.parse(stored) as VideoOperation;
      expect(parsed).toEqual(operation);
      expect((await subject.model.status(parsed)).state).toBe('running');
      await subject.completeAll();
      expect((await pollToEnd(subject.model, JSON.parse(stored) as VideoOperation)).state).toBe('succeeded');
    });

    it('reports a failed job with a code and a message, and stays failed', async () => {
      subject.failNext();
      const operation = await subject.model.start(request);
      await subject.completeAll();
      const end = await pollToEnd(subject.model, operation);
      expect(end.state).toBe('failed');
      if (end.state !== 'failed') return;
      expect(typeof end.error.code).toBe('string');
      expect(end.error.code.length).toBeGreaterThan(0);
      expect(end.error.message.length).toBeGreaterThan(0);
      const later = await subject.model.status(operation);
      expect(later).toEqual(end);
    });
  });
}
