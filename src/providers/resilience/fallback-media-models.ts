import type { ImageModel } from '../image-model.js';
import type { VideoModel, VideoOperation, VideoRequest, VideoStatus } from '../video-model.js';
import { type FallbackResult, runWithFallback } from './fallback.js';

/** One model of a chain (the asked model first, then its configured fallbacks), built on first use. */
export interface FallbackLink<T> {
  /** Catalogue id. */
  id: string;
  model(): Promise<T>;
}

function attempts<T, R>(chain: readonly FallbackLink<T>[], call: (model: T) => Promise<R>) {
  return runWithFallback(
    chain.map((link) => ({ id: link.id, missing: [], run: async () => call(await link.model()) })),
  );
}

/** An image model that moves along the chain when a candidate fails in a way another model may not. */
export function imageModelWithFallbacks(
  primary: ImageModel,
  chain: readonly FallbackLink<ImageModel>[],
  onServed: (result: FallbackResult<unknown>) => void,
): ImageModel {
  return {
    provider: primary.provider,
    modelId: primary.modelId,
    async generate(request) {
      const result = await attempts(chain, (model) => model.generate(request));
      onServed(result);
      return result.value;
    },
  };
}

/** A video model that starts the job on the first candidate that takes it. */
export function videoModelWithFallbacks(
  primary: VideoModel,
  chain: readonly FallbackLink<VideoModel>[],
  ownerOf: (operation: VideoOperation) => Promise<VideoModel | undefined>,
): VideoModel {
  return {
    provider: primary.provider,
    modelId: primary.modelId,
    async start(request: VideoRequest) {
      return (await attempts(chain, (model) => model.start(request))).value;
    },
    // The operation names the model that took the job, so status goes back to it.
    async status(operation: VideoOperation, signal?: AbortSignal): Promise<VideoStatus> {
      const owner = (await ownerOf(operation)) ?? primary;
      return owner.status(operation, signal);
    },
  };
}
