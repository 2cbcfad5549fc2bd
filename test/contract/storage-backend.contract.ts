import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import type { StorageBackend } from '../../src/storage/storage-backend.js';
import type { StorageTarget } from './storage-setups.js';

export async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
}

/** The behaviour every StorageBackend owes its callers, run against each adapter's stand-in. */
export function describeStorageBackendContract(name: string, setup: () => Promise<StorageTarget>): void {
  describe(`StorageBackend contract: ${name}`, () => {
    let target: StorageTarget;
    let storage: StorageBackend;
    const folder = () => `contract-${randomUUID()}`;

    beforeAll(async () => {
      target = await setup();
      storage = target.storage;
    });
    afterAll(async () => {
      await target?.close();
    });

    it('stores bytes with content type and metadata, and gives them back', async () => {
      const key = `${folder()}/image.png`;
      const bytes = randomBytes(70_000);
      const put = await storage.put({
        key,
        body: bytes,
        contentType: 'image/png',
        metadata: { 'user-id': 'u1', prompt_hash: 'abc' },
      });
      expect(put).toMatchObject({
        key,
        size: bytes.length,
        contentType: 'image/png',
        metadata: { 'user-id': 'u1', prompt_hash: 'abc' },
      });
      const { object, body } = await storage.get(key);
      expect(await readAll(body)).toEqual(bytes);
      expect(object).toMatchObject({
        key,
        size: bytes.length,
        contentType: 'image/png',
        metadata: { 'user-id': 'u1', prompt_hash: 'abc' },
      });
      const head = await storage.head(key);
      expect(head).toMatchObject({ key, size: bytes.length, contentType: 'image/png' });
      expect(head?.lastModified).toBeInstanceOf(Date);
      expect(await storage.exists(key)).toBe(true);
    });

    it('stores a Node stream and a web stream of unknown length', async () => {
      const base = folder();
      const chunks = [randomBytes(1000), randomBytes(0), randomBytes(65_537)];
      await storage.put({
        key: `${base}/node.bin`,
        body: Readable.from(chunks),
        contentType: 'application/octet-stream',
      });
      const web = Readable.toWeb(Readable.from(chunks)) as unknown as ReadableStream<Uint8Array>;
      await storage.put({ key: `${base}/web.bin`, body: web, contentType: 'application/octet-stream' });
      for (const key of [`${base}/node.bin`, `${base}/web.bin`]) {
        const { object, body } = await storage.get(key);
        expect(await readAll(body)).toEqual(Buffer.concat(chunks));
        expect(object.size).toBe(66_537);
      }
    });

    it('stores an empty object', async () => {
      const key = `${folder()}/empty.txt`;
      expect((await storage.put({ key, body: new Uint8Array(), contentType: 'text/plain' })).size).toBe(0);
      const { object, body } = await storage.get(key);
      expect(object.size).toBe(0);
      expect((await readAll(body)).length).toBe(0);
    });

    it('replaces an object written twice', async () => {
      const key = `${folder()}/twice.txt`;
      await storage.put({ key, body: Buffer.from('first'), contentType: 'text/plain', metadata: { n: '1' } });
      await storage.put({ key, body: Buffer.from('second!'), contentType: 'text/csv' });
      const { object, body } = await storage.get(key);
      expect((await readAll(body)).toString()).toBe('second!');
      expect(object).toMatchObject({ size: 7, contentType: 'text/csv', metadata: {} });
    });

    it('reports absent objects: get NOT_FOUND, head undefined, exists false, delete quiet', async () => {
      const key = `${folder()}/missing.bin`;
      expect(await codeOf(storage.get(key))).toBe('NOT_FOUND');
      expect(await storage.head(key)).toBeUndefined();
      expect(await storage.exists(key)).toBe(false);
      await expect(storage.delete(key)).resolves.toBeUndefined();
    });

    it('deletes', async () => {
      const key = `${folder()}/gone.txt`;
      await storage.put({ key, body: Buffer.from('x'), contentType: 'text/plain' });
      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
      expect(await codeOf(storage.get(key))).toBe('NOT_FOUND');
    });

    it('lists by prefix in key order, page by page, with content type and metadata', async () => {
      const base = folder();
      // No name sorts between a folder and its children ("a-x" < "a/"): s3rver walks folders and gets that order wrong.
      const keys = ['b/2.txt', 'a/1.txt', 'a_x.txt', 'a/0 space.txt', 'c/é.txt', 'b/10.txt', 'zz.txt'].map(
        (k) => `${base}/${k}`,
      );
      for (const key of keys)
        await storage.put({ key, body: Buffer.from(key), contentType: 'text/plain', metadata: { k: 'v' } });
      await storage.put({ key: `${base}-sibling/x.txt`, body: Buffer.from('x'), contentType: 'text/plain' });
      const expected = [...keys].sort((l, r) => Buffer.compare(Buffer.from(l), Buffer.from(r)));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await storage.list({ prefix: `${base}/`, limit: 3, cursor });
        expect(page.objects.length).toBeLessThanOrEqual(3);
        for (const object of page.objects) {
          expect(object).toMatchObject({
            contentType: 'text/plain',
            metadata: { k: 'v' },
            size: Buffer.byteLength(object.key),
          });
        }
        seen.push(...page.objects.map((object) => object.key));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined && pages < 10);
      expect(seen).toEqual(expected);
      expect(pages).toBe(3);
      const partial = await storage.list({ prefix: `${base}/a` });
      expect(partial.objects.map((object) => object.key)).toEqual(
        expected.filter((key) => key.startsWith(`${base}/a`)),
      );
      expect(partial.nextCursor).toBeUndefined();
      expect((await storage.list({ prefix: `${base}/nothing-here/` })).objects).toEqual([]);
    });

    it('refuses unsafe keys, bad metadata, content types, expiries and limits with INVALID_INPUT', async () => {
      const body = Buffer.from('x');
      for (const key of [
        '../escape',
        '/absolute',
        'a//b',
        'a/../b',
        'back\\slash',
        'ctl\u0001',
        'trailing/',
        '',
        'C:/x',
      ]) {
        expect(await codeOf(storage.put({ key, body, contentType: 'text/plain' })), key).toBe(
          'INVALID_INPUT',
        );
        expect(await codeOf(storage.get(key)), key).toBe('INVALID_INPUT');
        expect(await codeOf(storage.head(key)), key).toBe('INVALID_INPUT');
        expect(await codeOf(storage.delete(key)), key).toBe('INVALID_INPUT');
        expect(await codeOf(storage.presignDownload({ key, expiresInSeconds: 60 })), key).toBe(
          'INVALID_INPUT',
        );
      }
      const key = `${folder()}/ok.txt`;
      expect(await codeOf(storage.put({ key, body, contentType: 'not a type' }))).toBe('INVALID_INPUT');
      expect(
        await codeOf(storage.put({ key, body, contentType: 'text/plain', metadata: { Upper: 'x' } })),
      ).toBe('INVALID_INPUT');
      expect(
        await codeOf(storage.put({ key, body, contentType: 'text/plain', metadata: { k: 'caf\u00e9' } })),
      ).toBe('INVALID_INPUT');
      expect(await codeOf(storage.presignDownload({ key, expiresInSeconds: 0 }))).toBe('INVALID_INPUT');
      expect(await codeOf(storage.presignDownload({ key, expiresInSeconds: 8 * 86_400 }))).toBe(
        'INVALID_INPUT',
      );
      expect(await codeOf(storage.list({ limit: 0 }))).toBe('INVALID_INPUT');
      expect(await codeOf(storage.list({ prefix: '../' }))).toBe('INVALID_INPUT');
      expect(await storage.exists(key)).toBe(false);
    });

    it('refuses a body that disagrees with its declared length, storing nothing', async () => {
      const key = `${folder()}/length.bin`;
      expect(
        await codeOf(
          storage.put({ key, body: Buffer.alloc(10), contentLength: 11, contentType: 'text/plain' }),
        ),
      ).toBe('INVALID_INPUT');
      const stream = Readable.from([Buffer.alloc(10)]);
      expect(
        await codeOf(storage.put({ key, body: stream, contentLength: 9, contentType: 'text/plain' })),
      ).toBe('INVALID_INPUT');
      expect(await storage.exists(key)).toBe(false);
    });

    it('serves a presigned download and accepts a presigned upload over plain fetch', async () => {
      const key = `${folder()}/signed file (1).png`;
      const bytes = randomBytes(5000);
      const upload = await storage.presignUpload({ key, contentType: 'image/png', expiresInSeconds: 300 });
      expect(upload.method).toBe('PUT');
      expect(upload.expiresAt.getTime()).toBeGreaterThan(Date.now());
      const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
      expect(put.status, await put.clone().text()).toBe(200);
      expect((await storage.head(key))?.contentType).toBe('image/png');
      const download = await storage.presignDownload({ key, expiresInSeconds: 300 });
      const got = await fetch(download.url, { headers: download.headers });
      expect(got.status).toBe(200);
      expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
      const cdn = await fetch(await storage.cdnUrl({ key, expiresInSeconds: 300 }));
      expect(Buffer.from(await cdn.arrayBuffer())).toEqual(bytes);
    });

    it('refuses a presigned upload sent with another content type', async () => {
      const key = `${folder()}/typed.png`;
      const upload = await storage.presignUpload({ key, contentType: 'image/png', expiresInSeconds: 300 });
      const put = await fetch(upload.url, {
        method: 'PUT',
        headers: { 'content-type': 'text/html' },
        body: '<script>',
      });
      expect(put.status).toBe(403);
      expect(await storage.exists(key)).toBe(false);
    });

    it('refuses a presigned URL once expired', async () => {
      const key = `${folder()}/old.txt`;
      await storage.put({ key, body: Buffer.from('old'), contentType: 'text/plain' });
      const download = await storage.presignDownload({ key, expiresInSeconds: 60 });
      expect((await fetch(download.url)).status).toBe(200);
      await target.advanceServerClock(61_000);
      try {
        const status = (await fetch(download.url)).status;
        // S3 and the local route answer 403; GCS answers 400 ExpiredToken.
        expect([400, 403]).toContain(status);
      } finally {
        await target.advanceServerClock(-61_000);
      }
    });

    it('stops a put whose signal is already aborted, storing nothing', async () => {
      const key = `${folder()}/aborted.bin`;
      const controller = new AbortController();
      controller.abort();
      const body = Readable.from([Buffer.alloc(1024)]);
      expect(
        await codeOf(storage.put({ key, body, contentType: 'text/plain', signal: controller.signal })),
      ).toBe('CANCELLED');
      expect(await storage.exists(key)).toBe(false);
    });
  });
}
