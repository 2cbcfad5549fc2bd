import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '../../src/storage/s3/s3-storage.js';
import { withRetries } from '../../src/storage/with-retries.js';
import { codeOf } from '../contract/storage-backend.contract.js';
import { s3Client, startGcsTarget, startS3Target } from '../contract/storage-setups.js';

type S3Target = Awaited<ReturnType<typeof startS3Target>>;
type GcsTarget = Awaited<ReturnType<typeof startGcsTarget>>;

describe('S3 stand-in and adapter', () => {
  let target: S3Target;
  beforeAll(async () => {
    target = await startS3Target();
  });
  afterAll(() => target?.close());

  it('refuses a client with the wrong secret (the front checks what s3rver does not)', async () => {
    const wrong = s3Client(target.standIn, 'not-the-secret');
    const storage = new S3Storage({ client: wrong, bucket: target.standIn.bucket, prefix: '' });
    expect(
      await codeOf(storage.put({ key: 'x.txt', body: Buffer.from('x'), contentType: 'text/plain' })),
    ).toBe('FORBIDDEN');
    expect(target.standIn.log.at(-1)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    wrong.destroy();
  });

  it('refuses unsigned requests', async () => {
    const response = await fetch(`${target.standIn.endpoint}/${target.standIn.bucket}/anything`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('applies S3_PREFIX to stored keys and strips it from listings', async () => {
    await target.storage.put({ key: 'prefixed/a.txt', body: Buffer.from('a'), contentType: 'text/plain' });
    const raw = await target.client.send(
      new ListObjectsV2Command({ Bucket: target.standIn.bucket, Prefix: 'tenant-a/prefixed/' }),
    );
    expect(raw.Contents?.map((item) => item.Key)).toEqual(['tenant-a/prefixed/a.txt']);
    expect((await target.storage.list({ prefix: 'prefixed/' })).objects.map((object) => object.key)).toEqual([
      'prefixed/a.txt',
    ]);
  });

  it('signs content-type into presigned PUT URLs and bakes in no checksum', async () => {
    const { url } = await target.storage.presignUpload({
      key: 'u.png',
      contentType: 'image/png',
      expiresInSeconds: 60,
    });
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-SignedHeaders')).toBe('content-type;host');
    expect([...query.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
  });

  it('retries SlowDown and 503 in withRetries, then gives up with the mapped code', async () => {
    const sleeps: number[] = [];
    const storage = withRetries(target.storage, {
      maxAttempts: 3,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    });
    target.standIn.injectFaults([
      { status: 503, code: 'SlowDown' },
      { status: 503, code: 'ServiceUnavailable' },
    ]);
    await storage.put({ key: 'retried.txt', body: Buffer.from('ok'), contentType: 'text/plain' });
    expect(sleeps).toEqual([50, 100]);
    expect(await target.storage.exists('retried.txt')).toBe(true);
    target.standIn.injectFaults([1, 2, 3].map(() => ({ status: 503, code: 'SlowDown' })));
    expect(await codeOf(storage.list({ prefix: 'retried' }))).toBe('RATE_LIMITED');
    // A HEAD answer has no body to name SlowDown: a bare 503 is UNAVAILABLE, retried the same way.
    target.standIn.injectFaults([1, 2, 3].map(() => ({ status: 503, code: 'SlowDown' })));
    expect(await codeOf(storage.head('retried.txt'))).toBe('UNAVAILABLE');
    target.standIn.injectFaults([{ status: 403, code: 'AccessDenied' }]);
    const before = sleeps.length;
    expect(await codeOf(storage.get('retried.txt'))).toBe('FORBIDDEN');
    expect(sleeps.length).toBe(before);
  });

  it('the raw client cannot store an unsigned-payload body the front has not hashed', async () => {
    // Sanity check of the front's body hash check: a signed request whose body was swapped in transit.
    const command = new PutObjectCommand({
      Bucket: target.standIn.bucket,
      Key: 'hash.txt',
      Body: 'original',
    });
    command.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { body: unknown };
        request.body = 'swapped!';
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'swapBody' },
    );
    await expect(target.client.send(command)).rejects.toMatchObject({ name: 'XAmzContentSHA256Mismatch' });
  });
});

describe('GCS fake and adapter', () => {
  let target: GcsTarget;
  beforeAll(async () => {
    target = await startGcsTarget({ cdnBaseUrl: 'https://cdn.example.com' });
  });
  afterAll(() => target?.close());

  it('retries 503 and 429 from the JSON API in withRetries only (the SDK does not retry)', async () => {
    await target.storage.put({ key: 'r.txt', body: Buffer.from('r'), contentType: 'text/plain' });
    const sleeps: number[] = [];
    const storage = withRetries(target.storage, {
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0,
    });
    target.fake.injectFaults([
      { status: 503, reason: 'backendError' },
      { status: 429, reason: 'rateLimitExceeded' },
    ]);
    const requestsBefore = target.fake.log.length;
    expect((await storage.head('r.txt'))?.size).toBe(1);
    expect(sleeps).toHaveLength(2);
    expect(target.fake.log.length - requestsBefore).toBe(3);
  });

  it('enforces maxBytes on signed uploads through x-goog-content-length-range', async () => {
    const upload = await target.storage.presignUpload({
      key: 'small.bin',
      contentType: 'application/octet-stream',
      maxBytes: 10,
      expiresInSeconds: 60,
    });
    expect(upload.headers['x-goog-content-length-range']).toBe('0,10');
    expect(
      (await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: Buffer.alloc(11) })).status,
    ).toBe(400);
    expect(
      (await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: Buffer.alloc(10) })).status,
    ).toBe(200);
    const { 'x-goog-content-length-range': _range, ...withoutRange } = upload.headers;
    expect(
      (await fetch(upload.url, { method: 'PUT', headers: withoutRange, body: Buffer.alloc(10) })).status,
    ).toBe(403);
  });

  it('gives CDN URLs under GCS_CDN_BASE_URL', async () => {
    expect(await target.storage.cdnUrl({ key: 'a b/c.png', expiresInSeconds: 60 })).toBe(
      'https://cdn.example.com/tenant-g/a%20b/c.png',
    );
  });
});
