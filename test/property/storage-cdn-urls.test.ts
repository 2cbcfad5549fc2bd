import { verify } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { Storage } from '@google-cloud/storage';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GcsStorage } from '../../src/storage/gcs/gcs-storage.js';
import { S3Storage } from '../../src/storage/s3/s3-storage.js';
import { rsaKeyPair } from '../contract/storage-setups.js';

// Keys with characters that need encoding (space, %, ?, #, +, unicode) next to ones that do not.
const segment = fc
  .stringMatching(/^[a-z0-9 %?#+&=éü~_.()'!*-]{1,10}$/)
  .filter((text) => text !== '.' && text !== '..');
const keyArbitrary = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));
const now = new Date('2025-06-01T12:00:00Z');
// Never sends a request: cdnUrl only formats and signs.
const client = new S3Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const keys = rsaKeyPair();

/** Each path segment decodes to the key's segment: percent-encoded exactly once. */
function pathKey(url: URL): string {
  return url.pathname.slice(1).split('/').map(decodeURIComponent).join('/');
}

function fromCloudFrontBase64(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

describe('CDN URLs', () => {
  it('CloudFront unsigned: https, the domain, the full object key encoded once, no query', async () => {
    const storage = new S3Storage({
      client,
      bucket: 'b',
      prefix: 'tenant-a',
      cloudFront: { domain: 'd111.cloudfront.net' },
      now: () => now,
    });
    await fc.assert(
      fc.asyncProperty(keyArbitrary, async (key) => {
        const url = new URL(await storage.cdnUrl({ key, expiresInSeconds: 3600 }));
        expect(url.protocol).toBe('https:');
        expect(url.host).toBe('d111.cloudfront.net');
        expect(pathKey(url)).toBe(`tenant-a/${key}`);
        expect(url.search).toBe('');
        expect(url.pathname).toBe(`/tenant-a/${key.split('/').map(encodeURIComponent).join('/')}`);
      }),
    );
  });

  it('CloudFront signed: Expires, Signature and Key-Pair-Id present, and the signature verifies with the public key', async () => {
    const storage = new S3Storage({
      client,
      bucket: 'b',
      prefix: '',
      cloudFront: { domain: 'cdn.example.com', keyPairId: 'K2JCJMDEHXQW5F', privateKey: keys.privateKey },
      now: () => now,
    });
    await fc.assert(
      fc.asyncProperty(keyArbitrary, fc.integer({ min: 1, max: 604_800 }), async (key, expiresInSeconds) => {
        const signed = await storage.cdnUrl({ key, expiresInSeconds });
        const url = new URL(signed);
        expect(url.protocol).toBe('https:');
        expect(url.host).toBe('cdn.example.com');
        expect(pathKey(url)).toBe(key);
        const expires = url.searchParams.get('Expires');
        expect(Number(expires)).toBe(Math.floor(now.getTime() / 1000) + expiresInSeconds);
        expect(url.searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
        const signature = fromCloudFrontBase64(url.searchParams.get('Signature') ?? '');
        // The canned policy CloudFront rebuilds from the URL without its signing parameters.
        const resource = signed.slice(0, signed.indexOf('?'));
        const policy = (epoch: string) =>
          JSON.stringify({
            Statement: [
              { Resource: resource, Condition: { DateLessThan: { 'AWS:EpochTime': Number(epoch) } } },
            ],
          });
        expect(verify('RSA-SHA1', Buffer.from(policy(expires ?? '')), keys.publicKey, signature)).toBe(true);
        expect(
          verify('RSA-SHA1', Buffer.from(policy(String(Number(expires) + 1))), keys.publicKey, signature),
        ).toBe(false);
        const otherResource = JSON.stringify({
          Statement: [
            { Resource: `${resource}x`, Condition: { DateLessThan: { 'AWS:EpochTime': Number(expires) } } },
          ],
        });
        expect(verify('RSA-SHA1', Buffer.from(otherResource), keys.publicKey, signature)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('GCS with GCS_CDN_BASE_URL: the base, then the object name encoded once', async () => {
    const bucket = new Storage({ apiEndpoint: 'http://127.0.0.1:1', projectId: 'p' }).bucket('b');
    const storage = new GcsStorage({
      bucket,
      prefix: 'tenant-g/',
      cdnBaseUrl: 'https://cdn.example.com/media/',
      now: () => now,
    });
    await fc.assert(
      fc.asyncProperty(keyArbitrary, async (key) => {
        const url = new URL(await storage.cdnUrl({ key, expiresInSeconds: 60 }));
        expect(url.protocol).toBe('https:');
        expect(url.host).toBe('cdn.example.com');
        expect(url.pathname.startsWith('/media/')).toBe(true);
        expect(url.pathname.slice('/media/'.length).split('/').map(decodeURIComponent).join('/')).toBe(
          `tenant-g/${key}`,
        );
        expect(url.search).toBe('');
      }),
    );
  });
});
