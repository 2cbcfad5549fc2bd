import sharp from 'sharp';
import type { Placement } from '../agents/placements.js';
import type { AspectRatio } from '../providers/image-model.js';

const ratioValue = (ratio: string): number => {
  const [width, height] = ratio.split(':').map(Number);
  return (width ?? 1) / (height ?? 1);
};

/** The ratio the model supports that is closest to the placement's (compared on a log scale). */
export function nearestRatio(supported: readonly AspectRatio[], placement: Placement): AspectRatio {
  const target = Math.log(placement.width / placement.height);
  let best: AspectRatio = supported[0] ?? '1:1';
  for (const ratio of supported)
    if (Math.abs(Math.log(ratioValue(ratio)) - target) < Math.abs(Math.log(ratioValue(best)) - target))
      best = ratio;
  return best;
}

/** Within this, cropping loses little of the picture; beyond it the picture is extended instead. */
const cropTolerance = Math.log(1.3);

/**
 * The placement's exact pixel size from a generated picture: resized to cover it and cropped at
 * the centre when the ratios are close, otherwise fitted inside it and extended with the brand's
 * first colour. A logo (any image) goes in the top-left corner below the top safe zone.
 */
export async function renderPlacement(
  picture: Uint8Array,
  placement: Placement,
  options: { background?: string | undefined; logo?: Uint8Array | undefined },
): Promise<{ bytes: Uint8Array; fit: 'crop' | 'extend' }> {
  const { width, height } = placement;
  const source = await sharp(picture).metadata();
  const ratio = (source.width ?? width) / (source.height ?? height);
  const fit = Math.abs(Math.log(ratio) - Math.log(width / height)) <= cropTolerance ? 'crop' : 'extend';
  let image = sharp(picture)
    .rotate()
    .resize(width, height, {
      fit: fit === 'crop' ? 'cover' : 'contain',
      position: 'centre',
      background: options.background ?? '#ffffff',
    });
  if (options.logo !== undefined) {
    const size = Math.round(Math.min(width, height) * 0.16);
    const margin = Math.round(Math.min(width, height) * 0.04);
    const logo = await sharp(options.logo)
      .resize(size, size, { fit: 'inside', withoutEnlargement: false })
      .png()
      .toBuffer();
    // sharp composites after the resize in the same pipeline: one decode, one encode.
    image = image.composite([
      { input: logo, left: margin, top: Math.round(height * placement.safeZone.top) + margin },
    ]);
  }
  const bytes = await image.png().toBuffer();
  return { bytes: new Uint8Array(bytes), fit };
}
