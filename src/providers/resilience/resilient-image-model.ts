import { AppError } from '../../errors/app-error.js';
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
      const images = await withRetry(
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
      const largest = Math.max(0, ...images.map((image) => image.bytes.length));
      if (policy.maxAnswerBytes !== undefined && largest > policy.maxAnswerBytes) {
        // Refused before anything is stored or charged; another try would likely answer alike.
        throw new AppError(
          'PROVIDER_ERROR',
          `${model.provider}: the image answer (${largest} bytes) is larger than PROVIDER_MAX_IMAGE_BYTES (${policy.maxAnswerBytes})`,
          { retryable: false },
        );
      }
      return images;
    },
  };
}
