/**
 * Time to render one placement image with sharp (decode, resize to the exact size, logo, PNG
 * encode) beside a floor in the same run: sharp decoding and re-encoding the same picture at its
 * own size. Also the zip of a 6-placement pack. Usage:
 *   node --import tsx bench/placement-render.ts [rounds]
 */
import { performance } from 'node:perf_hooks';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { placements } from '../src/agents/placements.js';
import { renderPlacement } from '../src/core/placement-render.js';

const rounds = Number(process.argv[2] ?? 10);

// A 1024×1024 picture with detail (noise), as an image model would answer.
const noise = Buffer.alloc(1024 * 1024 * 3);
for (let index = 0; index < noise.length; index += 1) noise[index] = (index * 2654435761) >>> 24;
const picture = new Uint8Array(
  await sharp(noise, { raw: { width: 1024, height: 1024, channels: 3 } })
    .png()
    .toBuffer(),
);
const logo = new Uint8Array(
  await sharp({ create: { width: 256, height: 256, channels: 4, background: '#ff0000' } })
    .png()
    .toBuffer(),
);

async function time(label: string, work: () => Promise<unknown>) {
  await work();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  console.log(`${label.padEnd(44)} median ${median.toFixed(1)} ms`);
  return median;
}

await time('floor: decode + PNG encode 1024×1024', () => sharp(picture).png().toBuffer());
for (const id of ['meta-feed', 'meta-story', 'google-display-landscape'] as const) {
  await time(`render ${id} (+ logo)`, () => renderPlacement(picture, placements[id], { logo }));
}
const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
for (const id of [
  'meta-feed',
  'meta-feed-portrait',
  'meta-story',
  'tiktok-in-feed',
  'linkedin-feed',
  'x-feed',
] as const)
  files[`${id}.png`] = [(await renderPlacement(picture, placements[id], { logo })).bytes, { level: 0 }];
const total = Object.values(files).reduce((sum, [bytes]) => sum + bytes.byteLength, 0);
const deflated = Object.fromEntries(
  Object.entries(files).map(([name, [bytes]]) => [name, [bytes, { level: 6 }] as [Uint8Array, { level: 6 }]]),
);
await time(`zip 6 placements, deflate 6 (${(total / 1e6).toFixed(1)} MB PNG)`, async () => zipSync(deflated));
await time('zip 6 placements, stored (what the pack does)', async () => zipSync(files));
