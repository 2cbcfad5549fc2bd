import { brandWordsProblem } from '../agents/brand-words.js';
import { findOwnedAsset } from '../db/repositories/assets.js';
import { type BrandKitRow, putBrandKit, getBrandKit as readBrandKit } from '../db/repositories/brand-kits.js';
import { AppError } from '../errors/app-error.js';
import type { Caller } from './caller.js';
import type { CoreDeps } from './core-deps.js';
import { isUuid } from './ids.js';

/** A user's brand: what every writing and drawing tool follows once it is set. */
export type BrandKit = BrandKitRow;

export type BrandKitInput = {
  [Field in keyof BrandKit]?: BrandKit[Field] | undefined;
};

export const emptyBrandKit: BrandKit = Object.freeze({
  name: null,
  voice: null,
  bannedWords: [],
  requiredWords: [],
  colors: [],
  logoAssetId: null,
  disclaimer: null,
}) as BrandKit;

const hexColor = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The caller's kit; every field empty when none was set. */
export async function getBrandKit(deps: Pick<CoreDeps, 'db'>, caller: Caller): Promise<BrandKit> {
  return (await readBrandKit(deps.db, caller.userId)) ?? { ...emptyBrandKit };
}

/** The kit a call follows, or undefined when the caller has none. */
export function brandKitOf(deps: Pick<CoreDeps, 'db'>, caller: Caller): Promise<BrandKit | undefined> {
  return readBrandKit(deps.db, caller.userId);
}

function words(field: string, list: readonly string[] | undefined): string[] {
  const cleaned = [...new Set((list ?? []).map((word) => word.trim().replace(/\s+/g, ' ')))];
  if (cleaned.some((word) => word === '')) {
    throw new AppError('INVALID_INPUT', `${field}: words must not be empty`, { details: { field } });
  }
  return cleaned;
}

/**
 * Replaces the caller's kit with `input` (fields left out are cleared). Colours must be hex
 * (#rgb or #rrggbb); the logo must be one of the caller's own images (another user's is NOT_FOUND).
 */
export async function setBrandKit(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  caller: Caller,
  input: BrandKitInput,
): Promise<BrandKit> {
  const colors = (input.colors ?? []).map((color, index) => {
    if (!hexColor.test(color)) {
      throw new AppError('INVALID_INPUT', `colors[${index}]: "${color}" is not a hex colour like #1a2b3c`, {
        details: { field: `colors[${index}]` },
      });
    }
    return color.toLowerCase();
  });
  const bannedWords = words('bannedWords', input.bannedWords);
  const requiredWords = words('requiredWords', input.requiredWords);
  const problem = brandWordsProblem({ bannedWords, requiredWords });
  if (problem !== undefined) {
    throw new AppError('INVALID_INPUT', `${problem.field}: ${problem.message}`, {
      details: { field: problem.field },
    });
  }
  const logoAssetId = input.logoAssetId ?? null;
  if (logoAssetId !== null) {
    const logo = isUuid(logoAssetId) ? await findOwnedAsset(deps.db, caller.userId, logoAssetId) : undefined;
    if (logo === undefined) {
      throw new AppError('NOT_FOUND', `logoAssetId: no asset ${logoAssetId} of yours`, {
        details: { field: 'logoAssetId' },
      });
    }
    if (logo.kind !== 'image' && !(logo.kind === 'upload' && logo.mime_type.startsWith('image/'))) {
      throw new AppError('INVALID_INPUT', `logoAssetId: ${logoAssetId} is not an image`, {
        details: { field: 'logoAssetId' },
      });
    }
  }
  const kit: BrandKit = {
    name: input.name ?? null,
    voice: input.voice ?? null,
    bannedWords,
    requiredWords,
    colors,
    logoAssetId,
    disclaimer: input.disclaimer ?? null,
  };
  await putBrandKit(deps.db, caller.userId, kit, deps.clock.now());
  return kit;
}
