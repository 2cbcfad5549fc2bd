import fc from 'fast-check';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkVariant } from '../../src/agents/ad-copy-schema.js';
import { createAdCreative } from '../../src/agents/ad-creative-agent.js';
import { adPlatforms } from '../../src/agents/ad-platforms.js';
import { brandWordsProblem } from '../../src/agents/brand-words.js';
import { placementIds, placements } from '../../src/agents/placements.js';
import { platformLimits } from '../../src/agents/platform-limits.js';
import { plainCaller } from '../../src/core/caller.js';
import { renderPlacement } from '../../src/core/placement-render.js';
import { encodePng } from '../fakes/png.js';
import { SchemaFollowingModel } from '../fakes/schema-following-model.js';
import { ScriptedStrandsModel, structuredTurn } from '../fakes/scripted-strands-model.js';
import { createCoreHarness } from '../support/core-harness.js';

const vocabulary = [
  'free',
  'cheap',
  'best',
  'coffee',
  'fresh',
  'deal',
  'great',
  'bold',
  'brew',
  'café',
  'niño',
  '咖啡',
  "it's",
  'roast-house',
];
const word = fc.constantFrom(...vocabulary);
const phrase = fc.oneof(
  word,
  fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
);
const separators = fc.constantFrom(' ', ' ', ', ', '. ', '! ', ' - ', '  ', ' FREE ', ' Free! ');
const copyText = fc.array(fc.tuple(phrase, separators), { minLength: 1, maxLength: 40 }).map(
  (parts) =>
    parts
      .map(([text, separator]) => `${text}${separator}`)
      .join('')
      .trim() || 'coffee',
);

const brandKit = fc
  .record({
    bannedWords: fc.uniqueArray(phrase, { maxLength: 4 }),
    requiredWords: fc.uniqueArray(phrase, { maxLength: 3 }),
  })
  .filter((kit) => brandWordsProblem(kit) === undefined);

const variantFor = (platform: (typeof adPlatforms)[number]) =>
  fc.record({
    platform: fc.constant(platform),
    headline: copyText,
    primaryText: copyText,
    description: copyText,
    callToAction: fc.constantFrom(
      ...(platformLimits[platform].callToAction.values ?? ['Order now', 'Try it']),
    ),
  });

/**
 * The documented whole-word rule, written independently of the code under test: case-insensitive,
 * a phrase's words separated by any whitespace, punctuation kept as it is (so "best! cheap" is not
 * "best cheap").
 */
const tokens = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{M}\p{N}_]+|\s+|[^\s\p{L}\p{M}\p{N}_]/gu) ?? []).map((token) =>
    /^\s+$/u.test(token) ? ' ' : token,
  );
function hasWord(text: string, phraseText: string): boolean {
  const haystack = tokens(text);
  const wanted = tokens(phraseText);
  return haystack.some((_, start) => wanted.every((part, offset) => haystack[start + offset] === part));
}

describe('brand kits', () => {
  it('any kit, any scripted answer: no banned word, every required word, within limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        brandKit,
        fc
          .subarray([...adPlatforms], { minLength: 1 })
          .chain((platforms) => fc.tuple(fc.constant(platforms), fc.tuple(...platforms.map(variantFor)))),
        async (kit, [platforms, answer]) => {
          const model = new ScriptedStrandsModel([
            structuredTurn({ variants: answer }),
            structuredTurn({ variants: answer }),
          ]);
          const result = await createAdCreative({
            model,
            input: { product: 'Coffee', platforms, variants: 1 },
            brand: kit,
          });
          expect(result.variants).toHaveLength(platforms.length);
          expect(result.repairs).toHaveLength(platforms.length);
          for (const variant of result.variants) {
            expect(checkVariant(variant)).toEqual([]);
            const fields = [variant.headline, variant.primaryText, variant.description];
            for (const banned of kit.bannedWords) {
              for (const field of fields)
                expect(hasWord(field, banned), `"${banned}" in "${field}"`).toBe(false);
            }
            // A required phrase counts within one field: platforms show the fields apart.
            for (const required of kit.requiredWords)
              expect(
                fields.some((field) => hasWord(field, required)),
                `"${required}" in ${JSON.stringify(fields)}`,
              ).toBe(true);
          }
        },
      ),
      {
        numRuns: 300,
        // Found by this property: a required phrase split across the headline's end and the
        // description's start was taken as present.
        examples: [
          [
            { bannedWords: [], requiredWords: ['coffee great'] },
            [
              ['x'],
              [
                {
                  platform: 'x',
                  headline: 'free free FREE free FREE free free roast-house free free, coffee  cheap',
                  primaryText: 'free',
                  description: 'great free',
                  callToAction: 'Order now',
                },
              ],
            ],
          ],
        ],
      },
    );
  });
});

describe('placement images', () => {
  it('every placement image has its exact pixel size, whatever the model drew', async () => {
    const logo = new Uint8Array(encodePng(40, 20, [200, 10, 10]));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...placementIds),
        fc.integer({ min: 8, max: 300 }),
        fc.integer({ min: 8, max: 300 }),
        fc.boolean(),
        async (id, width, height, withLogo) => {
          const placement = placements[id];
          const picture = new Uint8Array(encodePng(width, height, [10, 120, 200]));
          const { bytes } = await renderPlacement(picture, placement, {
            background: '#112233',
            logo: withLogo ? logo : undefined,
          });
          const meta = await sharp(bytes).metadata();
          expect([meta.width, meta.height, meta.format]).toEqual([placement.width, placement.height, 'png']);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('placement packs through the core', () => {
  it('any set of placements, any size the model draws: each image has its exact size, the zip holds them all', async () => {
    const harness = await createCoreHarness({ chatModel: new SchemaFollowingModel(), credits: 1_000_000 });
    try {
      const caller = plainCaller(harness.userId);
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.constantFrom(...placementIds), { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 16, max: 200 }),
          fc.integer({ min: 16, max: 200 }),
          async (chosen, width, height) => {
            harness.imageHooks.answer = [
              {
                bytes: new Uint8Array(encodePng(width, height, [1, 2, 3])),
                mimeType: 'image/png',
                width,
                height,
              },
            ];
            const pack = await harness.core.createPlacementPack(caller, {
              product: 'Coffee',
              placements: chosen,
            });
            expect(pack.items.map((item) => item.placement)).toEqual(chosen);
            const storage = await harness.deps.storage();
            const read = async (assetId: string) => {
              const row = await harness.test.db
                .selectFrom('assets')
                .select('storage_key')
                .where('id', '=', assetId)
                .executeTakeFirstOrThrow();
              const chunks: Buffer[] = [];
              for await (const chunk of (await storage.get(row.storage_key)).body)
                chunks.push(Buffer.from(chunk as Uint8Array));
              return Buffer.concat(chunks);
            };
            const zip = unzipSync(new Uint8Array(await read(pack.bundle.assetId)));
            for (const item of pack.items) {
              const placement = placements[item.placement];
              const meta = await sharp(await read(item.assets[0]?.assetId ?? '')).metadata();
              expect([meta.width, meta.height]).toEqual([placement.width, placement.height]);
              const zipped = await sharp(zip[`${item.placement}.png`] ?? new Uint8Array()).metadata();
              expect([zipped.width, zipped.height]).toEqual([placement.width, placement.height]);
            }
            expect(Object.keys(zip)).toHaveLength(chosen.length + 1);
          },
        ),
        { numRuns: 8 },
      );
    } finally {
      await harness.close();
    }
  });
});
