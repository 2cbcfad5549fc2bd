import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gcsClientEmail,
  type StorageTarget,
  startGcsTarget,
  startLocalTarget,
  startS3Target,
} from '../contract/storage-setups.js';
import { verifyGcsV4SignedUrl } from '../fakes/gcs-v4-signature.js';

const segment = fc
  .stringMatching(/^[a-zA-Z0-9éü_~ ()!'-]{1,12}$/)
  .filter((text) => text.trim() === text && text !== '.' && text !== '..');
const keyArbitrary = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((segments) => `signed/${segments.join('/')}.bin`);

/** Changes the last digit of the named query parameter's value, keeping its format valid. */
function tamper(url: string, parameter: string): string {
  const parsed = new URL(url);
  const value = parsed.searchParams.get(parameter) ?? '';
  const index = value.search(/\d(?=\D*$)/);
  const changed =
    index === -1
      ? `${value.slice(0, -1)}${value.endsWith('a') ? 'b' : 'a'}`
      : `${value.slice(0, index)}${(Number(value[index]) + 1) % 10}${value.slice(index + 1)}`;
  parsed.searchParams.set(parameter, changed);
  return parsed.toString();
}

/** The same query (signature and all) on another key's path. */
function onOtherKey(url: string, otherUrl: string): string {
  const parsed = new URL(url);
  const other = new URL(otherUrl);
  return `${other.origin}${other.pathname}${parsed.search}`;
}

const targets: Array<[string, () => Promise<StorageTarget>, string[]]> = [
  ['local', startLocalTarget, ['signature', 'expires']],
  ['s3', () => startS3Target(), ['X-Amz-Signature', 'X-Amz-Expires', 'X-Amz-Date']],
  ['gcs', () => startGcsTarget(), ['X-Goog-Signature', 'X-Goog-Expires', 'X-Goog-Date']],
];

describe.each(targets)('presigned URLs on %s', (_name, start, signedParameters) => {
  let target: StorageTarget;
  beforeAll(async () => {
    target = await start();
  }, 60_000);
  afterAll(() => target?.close());

  it('work for their method and key, and are refused tampered, moved, used with another method, or expired', async () => {
    await fc.assert(
      fc.asyncProperty(
        keyArbitrary,
        keyArbitrary,
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(...signedParameters),
        async (key, otherKey, bytes, parameter) => {
          fc.pre(key !== otherKey);
          const storage = target.storage;
          const upload = await storage.presignUpload({
            key,
            contentType: 'application/octet-stream',
            expiresInSeconds: 600,
          });
          const put = (url: string) => fetch(url, { method: 'PUT', headers: upload.headers, body: bytes });
          const other = await storage.presignUpload({
            key: otherKey,
            contentType: 'application/octet-stream',
            expiresInSeconds: 600,
          });

          // Refusals first, so a later success proves nothing slipped through them.
          expect((await put(tamper(upload.url, parameter))).status, 'tampered PUT').toBe(403);
          expect((await put(onOtherKey(upload.url, other.url))).status, 'PUT on another key').toBe(403);
          expect(await storage.exists(otherKey)).toBe(false);
          expect((await put(upload.url)).status, 'PUT').toBe(200);

          const download = await storage.presignDownload({ key, expiresInSeconds: 600 });
          const got = await fetch(download.url);
          expect(got.status, 'GET').toBe(200);
          expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
          expect((await fetch(tamper(download.url, parameter))).status, 'tampered GET').toBe(403);
          expect(
            (await fetch(download.url, { method: 'PUT', headers: upload.headers, body: bytes })).status,
            'GET URL used to PUT',
          ).toBe(403);
          expect((await fetch(upload.url)).status, 'PUT URL used to GET').toBe(403);

          await target.advanceServerClock(601_000);
          try {
            expect([400, 403], 'expired GET').toContain((await fetch(download.url)).status);
            expect([400, 403], 'expired PUT').toContain((await put(upload.url)).status);
          } finally {
            await target.advanceServerClock(-601_000);
          }
          await storage.delete(key);
        },
      ),
      { numRuns: 15 },
    );
  });
});

// GCS signatures can also be checked offline with the public key, beyond what the fake enforces.
describe('presigned URLs on gcs, verified with the public key', () => {
  let target: StorageTarget;
  beforeAll(async () => {
    target = await startGcsTarget();
  }, 60_000);
  afterAll(() => target?.close());

  it('GCS: the V4 signature verifies with the public key, and only for what was signed', async () => {
    const gcs = target as StorageTarget & { publicKey: string };
    await fc.assert(
      fc.asyncProperty(keyArbitrary, fc.integer({ min: 1, max: 604_800 }), async (key, expiresInSeconds) => {
        const signed = await gcs.storage.presignDownload({ key, expiresInSeconds });
        const check = (url: string, method = 'GET', now = new Date()) =>
          verifyGcsV4SignedUrl({
            method,
            url,
            headers: {},
            publicKey: gcs.publicKey,
            clientEmail: gcsClientEmail,
            now,
          });
        expect(check(signed.url).ok).toBe(true);
        expect(check(signed.url, 'PUT').ok).toBe(false);
        expect(check(tamper(signed.url, 'X-Goog-Signature')).ok).toBe(false);
        expect(check(signed.url.replace('/signed/', '/signed2/')).ok).toBe(false);
        expect(check(signed.url, 'GET', new Date(signed.expiresAt.getTime() + 1000)).ok).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});
