import { zipSync } from 'fflate';
import { type PolicyFlag, policyFlags } from '../agents/ad-copy-policy.js';
import type { AdVariant } from '../agents/ad-copy-schema.js';
import type { AdCopyField } from '../agents/ad-platforms.js';
import { type Placement, type PlacementId, placements } from '../agents/placements.js';
import { imageCost } from '../credits/prices.js';
import { findOwnedAsset } from '../db/repositories/assets.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from '../providers/catalogue.js';
import { readImageInfo } from '../providers/image-dimensions.js';
import { type AssetView, viewAsset } from './asset-view.js';
import type { BrandKit } from './brand-kit.js';
import { brandStyle } from './brand-style.js';
import { writeBrandedCopy } from './branded-copy.js';
import { chatHold, type Quote } from './budget.js';
import type { Caller } from './caller.js';
import { chargedCall } from './charged-call.js';
import type { CoreDeps } from './core-deps.js';
import type { ModelRef } from './model-ref.js';
import { nearestRatio, renderPlacement } from './placement-render.js';
import { selectModel } from './select-model.js';
import { storeAsset } from './store-asset.js';

export interface PlacementPackInput {
  product: string;
  placements: PlacementId[];
  audience?: string | undefined;
  tone?: string | undefined;
  idempotencyKey?: string | undefined;
  maxCredits?: number | undefined;
}

export interface PlacementItem {
  placement: PlacementId;
  aspectRatio: string;
  width: number;
  height: number;
  copy: Partial<Record<AdCopyField, string>>;
  policyFlags: PolicyFlag[];
  assets: AssetView[];
}

export interface PlacementPack {
  packId: string;
  items: PlacementItem[];
  bundle: AssetView;
  creditsCharged: number;
  model: ModelRef;
}

/** The copy answer and its re-ask: one pair of turns covers every platform of the pack. */
const copyTurns = 2;
const maxLogoBytes = 10 * 1024 * 1024;

async function plan(deps: CoreDeps, caller: Caller, input: PlacementPackInput, quote = false) {
  const chosen = [...new Set(input.placements)].map((id) => placements[id]);
  const chat = await selectModel(deps, caller, 'chat', undefined);
  const image = await selectModel(deps, caller, 'image', undefined);
  if (image.price.unit !== 'image') throw new AppError('INTERNAL', `${image.id} has no per-image price`);
  const imagePrice = image.price;
  const imageCredits = imageCost(imagePrice, chosen.length);
  const { hold, limitedBy } = await chatHold(deps, caller, chat, {
    turns: copyTurns,
    maxCredits: input.maxCredits,
    extra: imageCredits,
    quote,
  });
  return { chosen, chat, image, imagePrice, imageCredits, hold, limitedBy };
}

/** What `create_placement_pack` would hold and cost: its images exactly, its copy by tokens. */
export async function quotePlacementPack(
  deps: CoreDeps,
  caller: Caller,
  input: PlacementPackInput,
): Promise<Quote> {
  const { chat, imageCredits, hold } = await plan(deps, caller, input, true);
  return {
    credits: { min: imageCredits + (hold === imageCredits ? 0 : 1), max: hold },
    hold,
    model: { provider: chat.provider, id: chat.id },
  };
}

async function readLogo(deps: CoreDeps, caller: Caller, brand: BrandKit | undefined, signal: AbortSignal) {
  if (brand?.logoAssetId == null) return undefined;
  const asset = await findOwnedAsset(deps.db, caller.userId, brand.logoAssetId);
  if (asset === undefined || asset.bytes > maxLogoBytes) {
    await caller.log(
      'warning',
      `placement pack: the brand logo ${brand.logoAssetId} is gone or too large; left out`,
    );
    return undefined;
  }
  const { body } = await (await deps.storage()).get(asset.storage_key, signal);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

/** One picture for a placement, at the model's nearest ratio, rendered to the exact pixel size. */
async function drawPlacement(
  deps: CoreDeps,
  image: CatalogueEntry,
  placement: Placement,
  prompt: string,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const model = await (await deps.models()).image(image.id);
  const aspectRatio = nearestRatio(image.capabilities.aspectRatios, placement);
  const [picture] = await model.generate({ prompt, aspectRatio, count: 1, signal });
  if (picture === undefined || readImageInfo(picture.bytes) === undefined) {
    throw new AppError('PROVIDER_ERROR', `${image.id} returned no decodable image`);
  }
  return picture.bytes;
}

function copyFor(placement: Placement, variant: AdVariant | undefined): Partial<Record<AdCopyField, string>> {
  if (variant === undefined) return {};
  return Object.fromEntries(placement.copyFields.map((field) => [field, variant[field]]));
}

/**
 * Every asset a set of placements needs, in one paid call: copy per platform within its limits
 * (following the brand kit), one image per placement at its exact pixel size (logo composited
 * where allowed) and a zip bundle with every file and a manifest. All or nothing: everything is
 * stored hidden under the call and revealed with its capture; charged the copy's tokens plus the
 * images delivered.
 */
export async function createPlacementPack(
  deps: CoreDeps,
  caller: Caller,
  input: PlacementPackInput,
): Promise<PlacementPack> {
  const { chosen, chat, image, imagePrice, imageCredits, hold, limitedBy } = await plan(deps, caller, input);
  if (chosen.length === 0) throw new AppError('INVALID_INPUT', 'placements: name at least one placement');
  const platforms = [...new Set(chosen.map((placement) => placement.platform))];
  return chargedCall(deps, caller, {
    operation: 'create_placement_pack',
    input: { ...input },
    idempotencyKey: input.idempotencyKey,
    hold,
    provider: chat.provider,
    run: async ({ signal, callId }) => {
      const { brand, session, copy } = await writeBrandedCopy(deps, caller, chat, {
        signal,
        budget: { credits: hold - imageCredits, limitedBy },
        input: { product: input.product, platforms, variants: 1, audience: input.audience, tone: input.tone },
      });
      const logo = await readLogo(deps, caller, brand, signal);
      const storage = await deps.storage();
      const prompt = `Advertising photograph for ${input.product}${input.audience ? `, for ${input.audience}` : ''}; no text or lettering in the picture${brandStyle(brand)}`;
      const items: PlacementItem[] = [];
      // PNGs are already compressed: stored as they are (deflating them again costs seconds, saves ~0).
      const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
      let drawn = 0;
      for (const [index, placement] of chosen.entries()) {
        await caller.progress(index, chosen.length, `drawing ${placement.id}`);
        const picture = await drawPlacement(deps, image, placement, prompt, signal);
        drawn += 1;
        const rendered = await renderPlacement(picture, placement, {
          background: brand?.colors[0],
          logo: placement.logo ? logo : undefined,
        });
        const asset = await storeAsset(
          { db: deps.db, storage, clock: deps.clock },
          {
            userId: caller.userId,
            kind: 'image',
            bytes: rendered.bytes,
            mimeType: 'image/png',
            width: placement.width,
            height: placement.height,
            provider: image.provider,
            modelId: image.id,
            prompt,
            metadata: { placement: placement.id, fit: rendered.fit },
            pendingCall: callId,
            signal,
          },
        );
        const variant = copy.variants.find((each) => each.platform === placement.platform);
        const placementCopy = copyFor(placement, variant);
        files[`${placement.id}.png`] = [rendered.bytes, { level: 0 }];
        items.push({
          placement: placement.id,
          aspectRatio: placement.aspectRatio,
          width: placement.width,
          height: placement.height,
          copy: placementCopy,
          policyFlags: policyFlags(placement.platform, placementCopy),
          assets: [await viewAsset(storage, asset)],
        });
      }
      const packId = deps.clock.newId();
      const manifest = {
        packId,
        product: input.product,
        ...(brand?.name ? { brand: brand.name } : {}),
        ...(brand?.disclaimer ? { disclaimer: brand.disclaimer } : {}),
        items: items.map((item) => ({
          placement: item.placement,
          platform: placements[item.placement].platform,
          aspectRatio: item.aspectRatio,
          width: item.width,
          height: item.height,
          file: `${item.placement}.png`,
          assetId: item.assets[0]?.assetId,
          copy: item.copy,
          policyFlags: item.policyFlags,
          safeZone: placements[item.placement].safeZone,
          source: placements[item.placement].source,
        })),
      };
      files['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest, null, 2));
      const bundle = await storeAsset(
        { db: deps.db, storage, clock: deps.clock },
        {
          userId: caller.userId,
          kind: 'upload',
          bytes: zipSync(files, { level: 6 }),
          mimeType: 'application/zip',
          prompt: input.product,
          metadata: { packId, operation: 'create_placement_pack' },
          pendingCall: callId,
          signal,
        },
      );
      const bundleView = await viewAsset(storage, bundle);
      return {
        cost: session.spent() + imageCost(imagePrice, drawn),
        answer: (creditsCharged) => ({
          packId,
          items,
          bundle: bundleView,
          creditsCharged,
          model: { provider: session.served().provider, id: session.served().id },
        }),
      };
    },
  });
}
