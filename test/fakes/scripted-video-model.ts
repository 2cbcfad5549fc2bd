import { AppError } from '../../src/errors/app-error.js';
import type {
  VideoModel,
  VideoOperation,
  VideoRequest,
  VideoStatus,
} from '../../src/providers/video-model.js';

interface Job {
  state: 'running' | 'succeeded' | 'failed';
  shouldFail: boolean;
  durationSeconds: number;
}

export interface ScriptedVideoModelOptions {
  modelId?: string;
  provider?: string;
  /** Errors thrown by the next `start` calls, in order. */
  startFailures?: Error[];
}

/** A VideoModel whose jobs run until `completeAll()`; `failNext()` makes the next job fail. */
export class ScriptedVideoModel implements VideoModel {
  readonly provider: string;
  readonly modelId: string;
  private readonly jobs = new Map<string, Job>();
  private readonly startFailures: Error[];
  private failNextJob = false;
  private sequence = 0;

  constructor(options: ScriptedVideoModelOptions = {}) {
    this.modelId = options.modelId ?? 'wan2.2';
    this.provider = options.provider ?? 'sagemaker';
    this.startFailures = [...(options.startFailures ?? [])];
  }

  async start(request: VideoRequest): Promise<VideoOperation> {
    if (request.signal?.aborted) throw new AppError('CANCELLED', 'the call was cancelled');
    const failure = this.startFailures.shift();
    if (failure !== undefined) throw failure;
    this.sequence++;
    const id = `job-${this.sequence}`;
    this.jobs.set(id, {
      state: 'running',
      shouldFail: this.failNextJob,
      durationSeconds: request.durationSeconds,
    });
    this.failNextJob = false;
    return {
      provider: this.provider,
      modelId: this.modelId,
      id,
      data: { outputUri: `s3://fake/${id}.mp4`, seconds: request.durationSeconds },
    };
  }

  async status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus> {
    if (signal?.aborted) throw new AppError('CANCELLED', 'the call was cancelled');
    const job = this.jobs.get(operation.id);
    if (job === undefined) throw new AppError('NOT_FOUND', `no video job ${operation.id}`);
    if (job.state === 'running') return { state: 'running', progress: 0.5 };
    if (job.state === 'failed')
      return {
        state: 'failed',
        error: { code: 'PROVIDER_ERROR', message: `scripted failure of ${operation.id}` },
      };
    return {
      state: 'succeeded',
      video: {
        bytes: new TextEncoder().encode(`mp4:${operation.id}`),
        mimeType: 'video/mp4',
        durationSeconds: job.durationSeconds,
      },
    };
  }

  failNext(): void {
    this.failNextJob = true;
  }

  async completeAll(): Promise<void> {
    for (const job of this.jobs.values()) {
      if (job.state === 'running') job.state = job.shouldFail ? 'failed' : 'succeeded';
    }
  }
}
