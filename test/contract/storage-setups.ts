import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Storage } from '@google-cloud/storage';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { isAppError } from '../../src/errors/app-error.js';
import { httpStatusByCode } from '../../src/errors/codes.js';
import { GcsStorage } from '../../src/storage/gcs/gcs-storage.js';
import { createLocalAssetRoute } from '../../src/storage/local/local-asset-route.js';
import { LocalStorage } from '../../src/storage/local/local-storage.js';
import { S3Storage } from '../../src/storage/s3/s3-storage.js';
import type { StorageBackend } from '../../src/storage/storage-backend.js';
import { type GcsFake, startGcsFake } from '../fakes/gcs-json-api-fake.js';
import { startS3StandIn } from '../fakes/s3-stand-in.js';
import type { S3StandIn } from '../fakes/s3-verifying-front.js';

/** A running backend for the contract and property suites; `make` builds more instances over the same store. */
export interface StorageTarget {
  storage: StorageBackend;
  make(options: { now?: () => Date }): StorageBackend;
  /** Moves the clock of whatever checks signed URLs (the route, the front, the fake). */
  advanceServerClock(milliseconds: number): void | Promise<void>;
  close(): Promise<void>;
}

function shiftableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (milliseconds: number) => {
      offset += milliseconds;
    },
  };
}

export function rsaKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

/** Local disk in a temp folder, its asset route served over real HTTP behind an AppError → status handler. */
export async function startLocalTarget(): Promise<StorageTarget & { root: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'adengine-local-'));
  const secret = randomBytes(32).toString('base64url');
  let handler: (request: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 });
  const server = serve({ fetch: (request) => handler(request), hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const publicBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const make = (options: { now?: () => Date }) =>
    new LocalStorage({ root, publicBaseUrl, secret, now: options.now });
  const storage = make({});
  const clock = shiftableClock();
  const app = new Hono();
  app.onError((error, c) => {
    const code = isAppError(error) ? error.code : 'INTERNAL';
    return c.json({ error: { code, message: error.message } }, httpStatusByCode[code] as 400);
  });
  app.route('/assets', createLocalAssetRoute(make({ now: clock.now })));
  handler = app.fetch;
  return {
    root,
    storage,
    make,
    advanceServerClock: clock.advance,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

export function s3Client(
  standIn: Pick<S3StandIn, 'endpoint' | 'region' | 'credentials'>,
  secret?: string,
): S3Client {
  return new S3Client({
    endpoint: standIn.endpoint,
    region: standIn.region,
    forcePathStyle: true,
    credentials: {
      accessKeyId: standIn.credentials.accessKeyId,
      secretAccessKey: secret ?? standIn.credentials.secretAccessKey,
    },
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** S3 against s3rver behind the SigV4-verifying front, with a key prefix to prove it is applied and stripped. */
export async function startS3Target(
  options: {
    separate?: boolean;
    cloudFront?: { domain: string; keyPairId?: string; privateKey?: string };
  } = {},
): Promise<StorageTarget & { standIn: S3StandIn; client: S3Client }> {
  // In this process when it has OpenSSL's legacy provider (the integration project), else in a child.
  const standIn = await startS3StandIn({ separate: options.separate });
  const client = s3Client(standIn);
  const make = (made: { now?: () => Date }) =>
    new S3Storage({
      client,
      bucket: standIn.bucket,
      prefix: 'tenant-a',
      cloudFront: options.cloudFront,
      now: made.now,
    });
  return {
    standIn,
    client,
    storage: make({}),
    make,
    advanceServerClock: (milliseconds) => standIn.advanceClock(milliseconds),
    close: async () => {
      client.destroy();
      await standIn.close();
    },
  };
}

export const gcsClientEmail = 'adengine-test@adengine-test.iam.gserviceaccount.com';

/** GCS against the JSON-API fake; V4 signed URLs use a generated service-account key. */
export async function startGcsTarget(
  options: { cdnBaseUrl?: string } = {},
): Promise<StorageTarget & { fake: GcsFake; publicKey: string }> {
  const keys = rsaKeyPair();
  const clock = shiftableClock();
  const fake = await startGcsFake({ clientEmail: gcsClientEmail, publicKey: keys.publicKey, now: clock.now });
  const bucket = new Storage({
    apiEndpoint: fake.endpoint,
    projectId: 'adengine-test',
    credentials: { client_email: gcsClientEmail, private_key: keys.privateKey },
    retryOptions: { autoRetry: false, maxRetries: 0 },
  }).bucket(fake.bucket);
  const make = (made: { now?: () => Date }) =>
    new GcsStorage({ bucket, prefix: 'tenant-g', cdnBaseUrl: options.cdnBaseUrl, now: made.now });
  return {
    fake,
    publicKey: keys.publicKey,
    storage: make({}),
    make,
    advanceServerClock: clock.advance,
    close: () => fake.close(),
  };
}
