import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import type { StorageBackend } from '../../src/storage/storage-backend.js';
import { readAll } from '../contract/storage-backend.contract.js';
import {
  type StorageTarget,
  startGcsTarget,
  startLocalTarget,
  startS3Target,
} from '../contract/storage-setups.js';

// Keys of one depth: on disk a key cannot be both a file and a folder, and s3rver orders a name
// below "/" (space, "-", ".") wrongly against a sibling folder; both are documented in docs/storage.md.
const name = fc.constantFrom('a', 'b', 'é', 'z_9', 'A');
const leaf = fc.tuple(name, name).map(([folder, file]) => `${folder}/${file}`);
const op = fc.oneof(
  fc.record({
    op: fc.constant('put' as const),
    key: leaf,
    text: fc.string({ maxLength: 40 }),
    type: fc.constantFrom('text/plain', 'image/png'),
    tag: fc.option(fc.constantFrom('x', 'y z')),
  }),
  fc.record({ op: fc.constant('get' as const), key: leaf }),
  fc.record({ op: fc.constant('head' as const), key: leaf }),
  fc.record({ op: fc.constant('delete' as const), key: leaf }),
  fc.record({
    op: fc.constant('list' as const),
    prefix: fc.constantFrom('', 'a/', 'é', 'b/A'),
    limit: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ op: fc.constant('bad-key' as const), key: fc.constantFrom('../x', 'a//b', '/abs', 'a\u0000') }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** What a caller can observe, minus what legitimately differs (etag format, timestamps). */
async function observe(storage: StorageBackend, base: string, operation: Op): Promise<unknown> {
  const strip = (key: string) => key.slice(base.length + 1);
  try {
    switch (operation.op) {
      case 'put': {
        const metadata = operation.tag === null ? undefined : { tag: operation.tag };
        const object = await storage.put({
          key: `${base}/${operation.key}`,
          body: Buffer.from(operation.text),
          contentType: operation.type,
          metadata,
        });
        return {
          key: strip(object.key),
          size: object.size,
          type: object.contentType,
          metadata: object.metadata,
        };
      }
      case 'get': {
        const { object, body } = await storage.get(`${base}/${operation.key}`);
        return {
          size: object.size,
          type: object.contentType,
          metadata: object.metadata,
          text: (await readAll(body)).toString(),
        };
      }
      case 'head': {
        const object = await storage.head(`${base}/${operation.key}`);
        return object && { size: object.size, type: object.contentType, metadata: object.metadata };
      }
      case 'delete':
        return await storage.delete(`${base}/${operation.key}`);
      case 'list': {
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const page = await storage.list({
            prefix: `${base}/${operation.prefix}`,
            limit: operation.limit,
            cursor,
          });
          pages.push(
            page.objects.map((object) => `${strip(object.key)}:${object.size}:${object.contentType}`),
          );
          cursor = page.nextCursor;
        } while (cursor !== undefined && pages.length < 50);
        return pages;
      }
      case 'bad-key':
        return await storage.put({
          key: `${base}/${operation.key}`,
          body: Buffer.from('x'),
          contentType: 'text/plain',
        });
    }
  } catch (error) {
    return { error: error instanceof AppError ? error.code : String(error) };
  }
}

describe('interface compatibility', () => {
  const targets: Record<string, StorageTarget> = {};
  beforeAll(async () => {
    [targets.local, targets.s3, targets.gcs] = await Promise.all([
      startLocalTarget(),
      startS3Target(),
      startGcsTarget(),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(Object.values(targets).map((target) => target.close()));
  });

  it('the same operations give the same observable results on local, S3 and GCS', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (operations) => {
        const base = `compat-${run++}`;
        const results: Record<string, unknown[]> = { local: [], s3: [], gcs: [] };
        for (const operation of operations) {
          for (const [name, target] of Object.entries(targets)) {
            results[name]?.push(await observe(target.storage, base, operation));
          }
        }
        expect(results.s3).toEqual(results.local);
        expect(results.gcs).toEqual(results.local);
      }),
      { numRuns: 25 },
    );
  });
});
