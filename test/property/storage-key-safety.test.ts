import { readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { checkKey, checkUserKey, newAssetKey } from '../../src/storage/asset-keys.js';
import { startLocalTarget } from '../contract/storage-setups.js';

const userId = fc.stringMatching(/^[A-Za-z0-9_@.+-]{1,40}$/).filter((id) => id !== '.' && id !== '..');
// Pieces that attack paths, mixed with harmless ones.
const piece = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '',
    '/',
    '\\',
    '..\\',
    '%2e%2e',
    '\u0000',
    '\u202e',
    'C:',
    '~',
    'users',
    'u1',
    'u2',
    '\n',
    '//',
  ),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const hostileKey = fc
  .array(fc.tuple(piece, fc.constantFrom('/', '')), { maxLength: 8 })
  .map((pairs) => pairs.map(([text, separator]) => text + separator).join(''));

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
}

async function allFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('key safety', () => {
  it('generated keys always sit in their own user prefix and pass validation', () => {
    fc.assert(
      fc.property(
        userId,
        fc.constantFrom('images', 'videos', 'uploads'),
        fc.stringMatching(/^[a-z0-9]{1,10}$/),
        fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
        fc.uuid(),
        (user, kind, extension, now, id) => {
          const key = newAssetKey({ userId: user, kind, extension, now, newId: () => id });
          expect(key.startsWith(`users/${user}/${kind}/`)).toBe(true);
          expect(key.split('/')).toHaveLength(6);
          expect(checkUserKey(user, key)).toBe(key);
          expect(path.posix.normalize(key)).toBe(key);
        },
      ),
    );
  });

  it('an accepted user key never leaves that user prefix, whatever it contains', () => {
    fc.assert(
      fc.property(userId, hostileKey, (user, suffix) => {
        for (const key of [`users/${user}/${suffix}`, suffix]) {
          const code = codeOf(() => checkUserKey(user, key));
          if (code === 'accepted') {
            expect(path.posix.normalize(key)).toBe(key);
            expect(path.posix.resolve('/root', key).startsWith(`/root/users/${user}/`)).toBe(true);
            expect(key.split('/')).not.toContain('..');
          } else {
            expect(['INVALID_INPUT', 'FORBIDDEN']).toContain(code);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("another user's key is FORBIDDEN", () => {
    fc.assert(
      fc.property(userId, userId, fc.uuid(), (owner, other, id) => {
        fc.pre(owner !== other);
        const key = newAssetKey({
          userId: other,
          kind: 'images',
          extension: 'png',
          now: new Date(),
          newId: () => id,
        });
        expect(codeOf(() => checkUserKey(owner, key))).toBe('FORBIDDEN');
      }),
    );
  });

  describe('local storage', () => {
    let target: Awaited<ReturnType<typeof startLocalTarget>>;
    beforeAll(async () => {
      target = await startLocalTarget();
    });
    afterAll(() => target?.close());

    it('never writes outside its root, and refuses what checkKey refuses', async () => {
      const outside = path.dirname(target.root);
      const before = new Set(
        (await readdir(outside)).filter((entry) => entry !== path.basename(target.root)),
      );
      await fc.assert(
        fc.asyncProperty(hostileKey, async (key) => {
          const expected = codeOf(() => checkKey(key));
          let actual = 'accepted';
          try {
            await target.storage.put({ key, body: Buffer.from('x'), contentType: 'text/plain' });
          } catch (error) {
            actual = error instanceof AppError ? error.code : 'other';
          }
          // CONFLICT: a key that is another key's folder, the one thing disk cannot hold.
          expect(actual === expected || (expected === 'accepted' && actual === 'CONFLICT')).toBe(true);
        }),
        { numRuns: 300 },
      );
      for (const file of await allFiles(target.root)) {
        expect(path.relative(target.root, file).startsWith('..')).toBe(false);
      }
      const after = (await readdir(outside)).filter(
        (entry) => entry !== path.basename(target.root) && !before.has(entry),
      );
      expect(after.filter((entry) => !entry.startsWith('adengine-'))).toEqual([]);
    });
  });
});
