import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll } from '../contract/storage-backend.contract.js';
import {
  type StorageTarget,
  startGcsTarget,
  startLocalTarget,
  startS3Target,
} from '../contract/storage-setups.js';

/** Deterministic bytes of any size without asking fast-check for megabyte arrays. */
function bytesOf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(String(seed)).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

const sizeArbitrary = fc.oneof(
  fc.constantFrom(0, 1, 5 * 1024 * 1024 - 1, 5 * 1024 * 1024, 5 * 1024 * 1024 + 1),
  fc.integer({ min: 0, max: 4096 }),
  fc.integer({ min: 0, max: 3 * 1024 * 1024 }),
);
const metadataArbitrary = fc.dictionary(
  fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,15}$/),
  fc.stringMatching(/^[\x21-\x7e](?:[\x20-\x7e]{0,30}[\x21-\x7e])?$/),
  { maxKeys: 5 },
);
const contentTypeArbitrary = fc.constantFrom(
  'image/png',
  'video/mp4',
  'application/octet-stream',
  'text/plain; charset=utf-8',
);
const shapeArbitrary = fc.constantFrom('bytes', 'node-stream', 'web-stream');

const targets: Array<[string, () => Promise<StorageTarget>]> = [
  ['local', startLocalTarget],
  ['s3', () => startS3Target()],
  ['gcs', () => startGcsTarget()],
];

describe.each(targets)('round trip on %s', (_name, start) => {
  let target: StorageTarget;
  beforeAll(async () => {
    target = await start();
  }, 60_000);
  afterAll(() => target?.close());

  it('gives back exactly the bytes, content type and metadata it was given (0 B to a few MiB)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        sizeArbitrary,
        fc.integer(),
        metadataArbitrary,
        contentTypeArbitrary,
        shapeArbitrary,
        async (size, seed, metadata, contentType, shape) => {
          const key = `round-trip/${run++}/object.bin`;
          const bytes = bytesOf(size, seed);
          // Chunks of uneven sizes, so stream bodies cross part and chunk boundaries at odd places.
          const first = size >> 2;
          const second = Math.max(first, size - 7);
          const chunks = [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)];
          const body =
            shape === 'bytes'
              ? bytes
              : shape === 'node-stream'
                ? Readable.from(chunks)
                : (Readable.toWeb(Readable.from(chunks)) as unknown as ReadableStream<Uint8Array>);
          const stored = await target.storage.put({ key, body, contentType, metadata });
          expect(stored.size).toBe(size);
          const { object, body: read } = await target.storage.get(key);
          const back = await readAll(read);
          expect(back.length).toBe(size);
          expect(back.equals(bytes)).toBe(true);
          expect(object.contentType).toBe(contentType);
          expect(object.metadata).toEqual(metadata);
          expect((await target.storage.head(key))?.metadata).toEqual(metadata);
          await target.storage.delete(key);
        },
      ),
      { numRuns: 12 },
    );
  });
});
