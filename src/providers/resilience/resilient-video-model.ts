import type { VideoModel, VideoOperation, VideoRequest, VideoStatus } from '../video-model.js';
import { withDeadline } from './deadline.js';
import type { ResiliencePolicy } from './resilience-policy.js';
import { withRetry } from './retry.js';

export function resilientVideoModel(model: VideoModel, policy: ResiliencePolicy): VideoModel {
  const timed = <T>(operation: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined) =>
    policy.breaker.run(() =>
      withDeadline(operation, { timeoutMs: policy.timeoutMs, signal, startTimer: policy.startTimer }),
    );
  return {
    provider: model.provider,
    modelId: model.modelId,
    async start(request: VideoRequest): Promise<VideoOperation> {
      policy.beforeCall?.();
      return withRetry(
        () => timed((signal) => model.start({ ...request, signal }), request.signal),
        policy.retry,
        {
          signal: request.signal,
          sleep: policy.sleep,
          random: policy.random,
          // A start that timed out may have reached the vendor: a second one could bill twice.
          shouldRetry: (error) => error.code !== 'TIMEOUT',
        },
      );
    },
    async status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus> {
      // Polling a job already started stays allowed past end of life: the work is paid for.
      const status = await withRetry(
        () => timed((inner) => model.status(operation, inner), signal),
        policy.retry,
        { signal, sleep: policy.sleep, random: policy.random },
      );
      const limit = policy.maxAnswerBytes;
      if (status.state === 'succeeded' && limit !== undefined && status.video.bytes.length > limit) {
        // The job fails (its hold is released): nothing this large is stored or charged.
        return {
          state: 'failed',
          error: {
            code: 'PROVIDER_ERROR',
            message: `the video answer (${status.video.bytes.length} bytes) is larger than PROVIDER_MAX_VIDEO_BYTES (${limit})`,
          },
        };
      }
      return status;
    },
  };
}
