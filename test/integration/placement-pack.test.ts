import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { storeAsset } from '../../src/core/store-asset.js';
import { AppError } from '../../src/errors/app-error.js';
import { encodePng } from '../fakes/png.js';
import { ScriptedStrandsModel, structuredTurn } from '../fakes/scripted-strands-model.js';
import { appErrorOf } from '../support/app-error-of.js';
import { type CoreHarness, type CoreHarnessOptions, createCoreHarness } from '../support/core-harness.js';

const copy = {
  meta: {
    platform: 'meta',
    headline: 'Fresh cheap coffee weekly',
    primaryText: 'Roasted this week and at your door by Friday.',
    description: 'Cancel any time.',
    callToAction: 'SHOP_NOW',
  },
  google: {
    platform: 'google',
    headline: 'Fresh coffee, weekly',
    primaryText: 'Roasted this week and at your door by Friday.',
    description: 'Guaranteed fresh or your money back.',
    callToAction: 'SHOP_NOW',
  },
  x: {
    platform: 'x',
    headline: 'Fresh coffee weekly',
    primaryText: 'Roasted this week, at your door by Friday.',
    description: 'Cancel any time.',
    callToAction: 'Order now',
  },
} as const;

async function readBytes(harness: CoreHarness, assetId: string): Promise<Uint8Array> {
  const row = await harness.test.db
    .selectFrom('assets')
    .select('storage_key')
    .where('id', '=', assetId)
    .executeTakeFirstOrThrow();
  const { body } = await (await harness.deps.storage()).get(row.storage_key);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

const count = async (harness: CoreHarness, table: 'assets') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(harness.test.db))
    .rows[0]?.n;

describe('brand kits, placement packs and checked ad copy (core)', () => {
  let h: CoreHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async (options: CoreHarnessOptions = {}) => {
    h = await createCoreHarness(options);
    return h;
  };
  const storeLogo = async (harness: CoreHarness, userId: string) =>
    storeAsset(
      { db: harness.deps.db, storage: await harness.deps.storage(), clock: harness.deps.clock },
      {
        userId,
        kind: 'image',
        bytes: new Uint8Array(encodePng(40, 40, [250, 0, 0])),
        mimeType: 'image/png',
        width: 40,
        height: 40,
      },
    );

  it('brand kit: set and get; a non-hex colour is INVALID_INPUT, another user’s logo NOT_FOUND', async () => {
    const harness = await start();
    const caller = plainCaller(harness.userId);
    expect(await harness.core.getBrandKit(caller)).toMatchObject({ name: null, bannedWords: [], colors: [] });
    const bad = await appErrorOf(harness.core.setBrandKit(caller, { colors: ['#123456', 'blue'] }));
    expect([bad.code, bad.message]).toEqual(['INVALID_INPUT', expect.stringContaining('colors[1]')]);
    const theirs = await storeLogo(harness, harness.otherUserId);
    const missing = await appErrorOf(harness.core.setBrandKit(caller, { logoAssetId: theirs.id }));
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', expect.stringContaining('logoAssetId')]);
    const both = await appErrorOf(
      harness.core.setBrandKit(caller, { bannedWords: ['cheap'], requiredWords: ['cheap coffee'] }),
    );
    expect(both.code).toBe('INVALID_INPUT');
    const mine = await storeLogo(harness, harness.userId);
    const kit = {
      name: 'Bean There',
      voice: 'warm and plain',
      bannedWords: ['cheap'],
      requiredWords: ['Bean There'],
      colors: ['#1A2B3C'],
      logoAssetId: mine.id,
      disclaimer: 'Terms apply.',
    };
    expect(await harness.core.setBrandKit(caller, kit)).toEqual({ ...kit, colors: ['#1a2b3c'] });
    expect(await harness.core.getBrandKit(caller)).toEqual({ ...kit, colors: ['#1a2b3c'] });
    expect(await harness.core.getBrandKit(plainCaller(harness.otherUserId))).toMatchObject({ name: null });
  });

  it('create_placement_pack: exact sizes, logo where allowed, zip with a manifest, charged as quoted and as the balance drops', async () => {
    const harness = await start({
      chatModel: new ScriptedStrandsModel([
        structuredTurn(
          { variants: [copy.meta, copy.google, copy.x] },
          { inputTokens: 2000, outputTokens: 500 },
        ),
      ]),
    });
    const caller = plainCaller(harness.userId);
    const logo = await storeLogo(harness, harness.userId);
    await harness.core.setBrandKit(caller, {
      bannedWords: ['cheap'],
      colors: ['#00ff00'],
      logoAssetId: logo.id,
      disclaimer: 'Terms apply.',
    });
    const input = {
      product: 'Coffee subscription',
      placements: ['meta-story', 'google-display-landscape', 'x-feed'] as const,
    };
    const estimate = await harness.core.estimateCost(caller, {
      tool: 'create_placement_pack',
      input: { ...input, placements: [...input.placements] },
    });
    const before = (await harness.core.readCredits(caller, { historyLimit: 0 })).balance;
    const pack = await harness.core.createPlacementPack(caller, {
      ...input,
      placements: [...input.placements],
    });
    const after = (await harness.core.readCredits(caller, { historyLimit: 0 })).balance;

    expect(pack.creditsCharged).toBe(before - after);
    expect(pack.creditsCharged).toBeGreaterThanOrEqual(estimate.credits.min);
    expect(pack.creditsCharged).toBeLessThanOrEqual(estimate.credits.max);
    expect(estimate.credits.min).toBeGreaterThanOrEqual(3 * 7);
    expect(pack.items.map((item) => [item.placement, item.width, item.height])).toEqual([
      ['meta-story', 1080, 1920],
      ['google-display-landscape', 1200, 628],
      ['x-feed', 1200, 1200],
    ]);
    // Brand words apply to the pack's copy too; the policy check runs on what ships.
    expect(pack.items[0]?.copy.primaryText).toBe(copy.meta.primaryText);
    expect(pack.items[1]?.copy.headline).toBe(copy.google.headline);
    expect(pack.items[1]?.policyFlags.map((flag) => flag.rule)).toEqual(['absolute-money-claim']);

    const story = await readBytes(harness, pack.items[0]?.assets[0]?.assetId ?? '');
    const display = await readBytes(harness, pack.items[1]?.assets[0]?.assetId ?? '');
    for (const [bytes, item] of [
      [story, pack.items[0]],
      [display, pack.items[1]],
    ] as const) {
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual([item?.width, item?.height]);
    }
    // The logo sits below the story's top safe zone (14 % of 1920 plus a margin); Google gets none.
    const pixel = async (bytes: Uint8Array, left: number, top: number) =>
      [...(await sharp(bytes).extract({ left, top, width: 1, height: 1 }).raw().toBuffer())].slice(0, 3);
    expect(await pixel(story, 60, Math.round(1920 * 0.14) + 60)).toEqual([250, 0, 0]);
    expect(await pixel(story, 60, 60)).not.toEqual([250, 0, 0]);
    expect(await pixel(display, 40, 40)).not.toEqual([250, 0, 0]);

    const zip = unzipSync(await readBytes(harness, pack.bundle.assetId));
    expect(Object.keys(zip).sort()).toEqual([
      'google-display-landscape.png',
      'manifest.json',
      'meta-story.png',
      'x-feed.png',
    ]);
    expect(Buffer.from(zip['meta-story.png'] ?? []).equals(Buffer.from(story))).toBe(true);
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
    expect(manifest).toMatchObject({ packId: pack.packId, disclaimer: 'Terms apply.' });
    expect(
      manifest.items.map((item: { file: string; assetId: string }) => [item.file, item.assetId]),
    ).toEqual(pack.items.map((item) => [`${item.placement}.png`, item.assets[0]?.assetId]));
    const listed = await harness.core.listAssets(caller, { limit: 20 });
    expect(listed.assets.map((asset) => asset.assetId)).toEqual(
      expect.arrayContaining([pack.bundle.assetId, ...pack.items.map((item) => item.assets[0]?.assetId)]),
    );
    expect(pack.bundle.mimeType).toBe('application/zip');
    const bundleRow = await harness.test.db
      .selectFrom('assets')
      .select('storage_key')
      .where('id', '=', pack.bundle.assetId)
      .executeTakeFirstOrThrow();
    // A download keeps its type: the key ends in .zip, not .bin.
    expect(bundleRow.storage_key).toMatch(/\.zip$/);
  });

  it('create_placement_pack is all or nothing: an image failing half-way keeps nothing and charges nothing', async () => {
    const harness = await start({
      chatModel: new ScriptedStrandsModel([structuredTurn({ variants: [copy.meta] })]),
    });
    const caller = plainCaller(harness.userId);
    const assetsBefore = await count(harness, 'assets');
    const before = await harness.core.readCredits(caller, { historyLimit: 0 });
    let calls = 0;
    const original = harness.image.generate.bind(harness.image);
    harness.image.generate = async (request) => {
      calls += 1;
      if (calls === 2) throw new AppError('PROVIDER_ERROR', 'the image model fell over');
      return original(request);
    };
    const error = await appErrorOf(
      harness.core.createPlacementPack(caller, {
        product: 'Coffee',
        placements: ['meta-feed', 'meta-story', 'meta-feed-portrait'],
      }),
    );
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(calls).toBe(2);
    expect(await count(harness, 'assets')).toBe(assetsBefore);
    const after = await harness.core.readCredits(caller, { historyLimit: 0 });
    expect([after.balance, after.available]).toEqual([before.balance, before.available]);
  });

  it('create_placement_pack with a repeated idempotencyKey replays the answer and charges once', async () => {
    const harness = await start({
      chatModel: new ScriptedStrandsModel([structuredTurn({ variants: [copy.x] })]),
    });
    const caller = plainCaller(harness.userId);
    const input = { product: 'Coffee', placements: ['x-feed' as const], idempotencyKey: 'pack-1' };
    const first = await harness.core.createPlacementPack(caller, input);
    const balance = (await harness.core.readCredits(caller, { historyLimit: 0 })).balance;
    const again = await harness.core.createPlacementPack(caller, input);
    expect(again).toMatchObject({ packId: first.packId, creditsCharged: 0, replayed: true });
    expect(again.bundle.assetId).toBe(first.bundle.assetId);
    expect((await harness.core.readCredits(caller, { historyLimit: 0 })).balance).toBe(balance);
    expect(harness.image.requests).toHaveLength(1);
  });

  it('create_placement_pack over maxCredits is refused before any model runs', async () => {
    const harness = await start({ chatModel: new ScriptedStrandsModel([]) });
    const error = await appErrorOf(
      harness.core.createPlacementPack(plainCaller(harness.userId), {
        product: 'Coffee',
        placements: ['meta-feed', 'x-feed'],
        maxCredits: 14,
      }),
    );
    expect(error.code).toBe('BUDGET_EXCEEDED');
    expect(harness.image.requests).toEqual([]);
  });

  it('create_ad_creative follows the brand kit, reports repairs and policy flags, and keeps the creative as a text asset', async () => {
    const harness = await start({
      chatModel: new ScriptedStrandsModel([structuredTurn({ variants: [copy.google] })]),
    });
    const caller = plainCaller(harness.userId);
    await harness.core.setBrandKit(caller, { bannedWords: ['money'], requiredWords: ['Bean There'] });
    const creative = await harness.core.writeAdCopy(caller, {
      product: 'Coffee',
      platforms: ['google'],
      variants: 1,
      includeImage: false,
    });
    const [variant] = creative.variants;
    expect(variant?.description).toBe('Guaranteed fresh or your back.');
    expect(variant?.primaryText).toContain('Bean There');
    expect(variant?.repairs).toEqual([
      'google variant 1 description: removed banned "money"',
      'google variant 1 primaryText: added required "Bean There"',
    ]);
    expect(variant?.policyFlags).toEqual([
      expect.objectContaining({ rule: 'absolute-money-claim', field: 'description', excerpt: 'Guaranteed' }),
    ]);
    const kept = await harness.test.db
      .selectFrom('assets')
      .selectAll()
      .where('id', '=', creative.creativeId)
      .executeTakeFirstOrThrow();
    expect([kept.kind, kept.user_id, kept.pending_call]).toEqual(['text', harness.userId, null]);
    const body = JSON.parse(new TextDecoder().decode(await readBytes(harness, creative.creativeId)));
    expect(body.variants[0].description).toBe(variant?.description);
  });

  it('generate_image steers the prompt with the brand colours', async () => {
    const harness = await start();
    const caller = plainCaller(harness.userId);
    await harness.core.setBrandKit(caller, { colors: ['#ff6600', '#222222'] });
    await harness.core.generateImages(caller, { prompt: 'A cup of coffee', aspectRatio: '1:1', count: 1 });
    expect(harness.image.requests.at(-1)?.prompt).toBe(
      'A cup of coffee. Style: brand colour palette #ff6600, #222222',
    );
  });
});
