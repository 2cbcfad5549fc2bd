import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import { readImageInfo } from '../providers/image-dimensions.js';
import type { AspectRatio } from '../providers/image-model.js';
import { type AssetView, viewAsset } from './asset-view.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { storeAsset } from './store-asset.js';

export interface DrawRequest {
  prompt: string;
  negativePrompt?: string | undefined;
  aspectRatio: AspectRatio;
  count: number;
  seed?: number | undefined;
  /** Kept with each asset. */
  metadata?: Record<string, unknown>;
  /** The paid call drawing them: the assets stay hidden until its capture commits. */
  pendingCall: string;
}

/**
 * Asks an image model for pictures, checks each decodes, stores each as the caller's asset and
 * answers their views. The one place images are generated, for every operation that makes them.
 */
export async function drawImages(
  deps: Pick<CoreDeps, 'db' | 'storage' | 'models' | 'clock'>,
  caller: Caller,
  entry: CatalogueEntry,
  request: DrawRequest,
  signal: AbortSignal,
): Promise<AssetView[]> {
  const model = await (await deps.models()).image(entry.id);
  const images = await model.generate({
    prompt: request.prompt,
    aspectRatio: request.aspectRatio,
    count: request.count,
    signal,
    ...(request.negativePrompt === undefined ? {} : { negativePrompt: request.negativePrompt }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
  });
  const decoded = images
    .slice(0, request.count)
    .map((image) => ({ image, info: readImageInfo(image.bytes) }));
  if (decoded.length === 0 || decoded.some(({ info }) => info === undefined)) {
    throw new AppError('PROVIDER_ERROR', `${entry.id} returned no decodable image`);
  }
  const storage = await deps.storage();
  const views: AssetView[] = [];
  for (const [index, { image, info }] of decoded.entries()) {
    const asset = await storeAsset(
      { db: deps.db, storage, clock: deps.clock },
      {
        userId: caller.userId,
        kind: 'image',
        bytes: image.bytes,
        mimeType: info?.mimeType ?? image.mimeType,
        width: info?.width ?? image.width,
        height: info?.height ?? image.height,
        provider: entry.provider,
        modelId: entry.id,
        prompt: request.prompt,
        ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
        pendingCall: request.pendingCall,
        signal,
      },
    );
    views.push(await viewAsset(storage, asset));
    await caller.progress(index + 1, request.count);
  }
  return views;
}
