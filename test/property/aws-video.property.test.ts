import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import type { VideoModel, VideoOperation, VideoStatus } from '../../src/providers/video-model.js';
import type { AwsFault } from '../fakes/bedrock-fault-queue.js';
import { startBedrockSubject } from '../fakes/bedrock-subjects.js';
import { startSageMakerSubject } from '../fakes/sagemaker-subjects.js';

// Property 13: a video job reaches exactly one terminal state: once a poll answers succeeded or
// failed, every later poll answers the same; faults on the way only ever surface as AppErrors.

type Step =
  | { kind: 'poll' }
  | { kind: 'poll-aborted' }
  | { kind: 'fault-then-poll'; fault: AwsFault }
  | { kind: 'complete' };

interface Harness {
  model: VideoModel;
  /** Injects a fault on the next status call, where the stand-in can (Bedrock's GetAsyncInvoke). */
  injectStatusFault(fault: AwsFault): void;
  injectStartFault(fault: AwsFault): void;
  clear(): void;
  failNext(): void;
  completeAll(): Promise<void>;
}

let bedrock: Awaited<ReturnType<typeof startBedrockSubject>>;
let sagemaker: Awaited<ReturnType<typeof startSageMakerSubject>>;
let harnesses: Record<'nova-reel' | 'wan2.2', Harness>;

beforeAll(async () => {
  bedrock = await startBedrockSubject();
  sagemaker = await startSageMakerSubject();
  harnesses = {
    'nova-reel': {
      model: bedrock.video,
      injectStatusFault: (fault) => bedrock.fake.inject(fault, { operation: 'get-async-invoke' }),
      injectStartFault: (fault) => bedrock.fake.inject(fault, { operation: 'start-async-invoke' }),
      clear: () => bedrock.fake.clearFaults(),
      failNext: () => bedrock.fake.failNext(),
      completeAll: () => bedrock.fake.completeAll(),
    },
    'wan2.2': {
      model: sagemaker.video,
      // Status reads S3 only, and the S3 stand-in injects nothing: aborted polls stand in for faults.
      injectStatusFault: () => undefined,
      injectStartFault: (fault) => sagemaker.fake.inject(fault),
      clear: () => sagemaker.fake.clearFaults(),
      failNext: () => sagemaker.fake.failNext(),
      completeAll: () => sagemaker.fake.completeAll(),
    },
  };
});

afterAll(async () => {
  await bedrock.close();
  await sagemaker.close();
});

const faultArbitrary = fc.constantFrom<AwsFault>(
  { kind: 'throttle' },
  { kind: 'server-error', status: 500 },
  { kind: 'server-error', status: 503 },
  { kind: 'malformed' },
  { kind: 'slow', delayMs: 5 },
);

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'poll' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'poll-aborted' }) },
  { weight: 2, arbitrary: faultArbitrary.map<Step>((fault) => ({ kind: 'fault-then-poll', fault })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'complete' }) },
);

/** Terminal answers compare by state and content; bytes as base64 so equality is by value. */
function terminalKey(status: VideoStatus): string | undefined {
  if (status.state === 'running') return undefined;
  if (status.state === 'failed') return `failed:${status.error.code}:${status.error.message}`;
  return `succeeded:${Buffer.from(status.video.bytes).toString('base64')}`;
}

async function startWithRetries(
  harness: Harness,
  startFaults: AwsFault[],
  fails: boolean,
): Promise<VideoOperation> {
  for (const fault of startFaults) harness.injectStartFault(fault);
  for (let attempt = 0; attempt <= startFaults.length; attempt++) {
    // Re-armed per attempt: a malformed answer may hide a job the stand-in did start (an orphan).
    if (fails) harness.failNext();
    try {
      return await harness.model.start({
        prompt: 'A sailing boat at dawn',
        durationSeconds: 5,
        aspectRatio: '16:9',
        seed: 1,
      });
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
    }
  }
  throw new Error('start never succeeded although every fault was used up');
}

describe('property 13: video jobs reach exactly one terminal state', () => {
  it('holds for Nova Reel and Wan2.2 over random fault schedules', async () => {
    const scenario = fc.record({
      catalogueId: fc.constantFrom<'nova-reel' | 'wan2.2'>('nova-reel', 'wan2.2'),
      fails: fc.boolean(),
      startFaults: fc.array(
        faultArbitrary.filter((fault) => fault.kind !== 'slow'),
        { maxLength: 2 },
      ),
      steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ catalogueId, fails, startFaults, steps }) => {
        const harness = harnesses[catalogueId];
        harness.clear();
        const operation = await startWithRetries(harness, startFaults, fails);
        const stored = JSON.stringify(operation);
        let completed = false;
        const terminals = new Set<string>();
        let sawTerminal = false;
        // A final completion and poll, so every run ends by checking the terminal state.
        for (const step of [...steps, { kind: 'complete' } as Step, { kind: 'poll' } as Step]) {
          if (step.kind === 'complete') {
            await harness.completeAll();
            completed = true;
            continue;
          }
          const signal = step.kind === 'poll-aborted' ? AbortSignal.abort() : undefined;
          if (step.kind === 'fault-then-poll') harness.injectStatusFault(step.fault);
          let status: VideoStatus;
          try {
            status = await harness.model.status(JSON.parse(stored) as VideoOperation, signal);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            const code = (error as AppError).code;
            expect(signal !== undefined || step.kind === 'fault-then-poll', `unexpected ${code}`).toBe(true);
            continue;
          } finally {
            harness.clear();
          }
          const key = terminalKey(status);
          if (key === undefined) {
            expect(sawTerminal, 'running after a terminal state').toBe(false);
            expect(completed, 'still running after the job was completed').toBe(false);
            continue;
          }
          expect(completed, 'terminal before the job ended').toBe(true);
          expect(status.state).toBe(fails ? 'failed' : 'succeeded');
          sawTerminal = true;
          terminals.add(key);
        }
        expect(terminals.size).toBe(1);
      }),
      { numRuns: 40 },
    );
  });
});
