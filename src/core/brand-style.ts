import type { BrandKit } from './brand-kit.js';

/** How a brand's colours and voice steer a picture, as words an image model reads. */
export function brandStyle(brand: BrandKit | undefined): string {
  if (brand === undefined) return '';
  const parts = [];
  if (brand.colors.length > 0) parts.push(`brand colour palette ${brand.colors.join(', ')}`);
  if (brand.voice) parts.push(`a mood matching a brand voice that is ${brand.voice}`);
  return parts.length === 0 ? '' : `. Style: ${parts.join('; ')}`;
}
