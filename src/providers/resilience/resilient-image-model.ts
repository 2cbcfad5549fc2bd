import type { GeneratedImage, ImageModel, ImageRequest } from '../image-model.js';
import { withDeadline } from './deadline.js';
import type { ResiliencePolicy } from './resilience-policy.js';
import { withRetry } from './retry.js';

/** Deadline inside the breaker inside the retry loop: each try is timed and counted. */
export function resilientImageModel(model: ImageModel, policy: ResiliencePolicy): ImageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    async generate(request: ImageRequest): Promise<GeneratedImage[]> {
      policy.beforeCall?.();
      return withRetry(
        () =>
          policy.breaker.run(() =>
            withDeadline((signal) => model.generate({ ...request, signal }), {
              timeoutMs: policy.timeoutMs,
              signal: request.signal,
              startTimer: policy.startTimer,
            }),
          ),
        policy.retry,
        { signal: request.signal, sleep: policy.sleep, random: policy.random },
      );
    },
  };
}
