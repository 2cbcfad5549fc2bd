import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageCommand } from '../../src/cli/storage-command.js';
import { parseConfig } from '../../src/config/load-config.js';
import { AppError } from '../../src/errors/app-error.js';
import { createStorage, unwrapLocalStorage } from '../../src/storage/create-storage.js';
import { loadAssetUrlSecret } from '../../src/storage/local/asset-url-secret.js';
import { probeStorage } from '../../src/storage/probe-storage.js';
import { codeOf } from '../contract/storage-backend.contract.js';
import { startLocalTarget } from '../contract/storage-setups.js';

describe('adengine storage (command)', () => {
  let target: Awaited<ReturnType<typeof startLocalTarget>>;
  let folder: string;
  beforeAll(async () => {
    target = await startLocalTarget();
    folder = await mkdtemp(path.join(tmpdir(), 'adengine-cli-'));
  });
  afterAll(async () => {
    await target?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function run(...args: string[]) {
    const printed: Array<{ human: string; json: unknown }> = [];
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const command = createStorageCommand({
      openStorage: async () => target.storage,
      print: (human, json) => printed.push({ human, json }),
      stdout,
      now: () => new Date('2025-03-09T10:00:00Z'),
      newId: () => '00000000-0000-4000-8000-000000000001',
    });
    command.exitOverride();
    await command.parseAsync(args, { from: 'user' });
    return { printed, stdout: Buffer.concat(chunks) };
  }

  it('put with the default key and guessed type, get to a file and to stdout, ls, url, rm', async () => {
    const file = path.join(folder, 'Photo.PNG');
    await writeFile(file, Buffer.from('png bytes'));
    const put = await run('put', file);
    expect(put.printed[0]?.json).toMatchObject({
      key: 'uploads/2025/03/00000000-0000-4000-8000-000000000001.png',
      contentType: 'image/png',
      size: 9,
    });
    const key = 'uploads/2025/03/00000000-0000-4000-8000-000000000001.png';
    const out = path.join(folder, 'copy.png');
    await run('get', key, '-o', out);
    expect(await readFile(out, 'utf8')).toBe('png bytes');
    expect((await run('get', key)).stdout.toString()).toBe('png bytes');
    const listed = await run('ls', 'uploads/', '--limit', '5');
    expect(listed.printed[0]?.human).toContain(key);
    const url = (await run('url', key, '--expires', '60')).printed[0]?.human ?? '';
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString()).toBe('png bytes');
    const upload = (await run('url', 'uploads/new.txt', '--upload')).printed[0]?.json as {
      url: string;
      headers: Record<string, string>;
    };
    expect(upload.headers).toEqual({ 'content-type': 'text/plain' });
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: 'hi' })).status).toBe(
      200,
    );
    await run('rm', key);
    expect(await target.storage.exists(key)).toBe(false);
  });

  it('put with --key and --content-type; bad keys are INVALID_INPUT; a missing file NOT_FOUND', async () => {
    const file = path.join(folder, 'data');
    await writeFile(file, 'x');
    expect(
      (await run('put', file, '--key', 'exports/a.bin', '--content-type', 'application/zip')).printed[0]
        ?.json,
    ).toMatchObject({
      key: 'exports/a.bin',
      contentType: 'application/zip',
    });
    expect(await codeOf(run('put', file, '--key', '../a'))).toBe('INVALID_INPUT');
    expect(await codeOf(run('get', '/etc/passwd'))).toBe('INVALID_INPUT');
    expect(await codeOf(run('put', path.join(folder, 'absent')))).toBe('NOT_FOUND');
    expect(await codeOf(run('get', 'nope/x'))).toBe('NOT_FOUND');
  });
});

describe('createStorage, the asset URL secret, and the doctor probe', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'adengine-home-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('builds the local backend by default, with a generated 0600 secret kept across starts', async () => {
    const parsed = parseConfig({ ADENGINE_HOME: home });
    if (!parsed.ok) throw new Error('config');
    const storage = await createStorage(parsed.config, { publicBaseUrl: 'http://127.0.0.1:8787' });
    expect(storage.kind).toBe('local');
    expect(unwrapLocalStorage(storage)).toBeDefined();
    const secretFile = path.join(home, 'asset-url-secret');
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);
    const secret = await loadAssetUrlSecret(undefined, home);
    expect(secret).toBe((await readFile(secretFile, 'utf8')).trim());
    expect(await loadAssetUrlSecret('c'.repeat(40), home)).toBe('c'.repeat(40));
    expect(await probeStorage(storage)).toMatchObject({ ok: true });
    expect((await storage.list({ prefix: '_probe/' })).objects).toEqual([]);
  });

  it('builds S3 and GCS lazily from config, with no request made', async () => {
    const s3 = parseConfig({
      ADENGINE_HOME: home,
      STORAGE_BACKEND: 's3',
      S3_BUCKET: 'my-bucket',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    const gcs = parseConfig({
      ADENGINE_HOME: home,
      STORAGE_BACKEND: 'gcs',
      GCS_BUCKET: 'b',
      STORAGE_EMULATOR_HOST: '127.0.0.1:1',
    });
    if (!s3.ok || !gcs.ok) throw new Error('config');
    const s3Storage = await createStorage(s3.config, { publicBaseUrl: 'http://x' });
    expect(s3Storage.kind).toBe('s3');
    expect(unwrapLocalStorage(s3Storage)).toBeUndefined();
    expect(new URL(await s3Storage.cdnUrl({ key: 'a.png', expiresInSeconds: 60 })).host).toBe(
      'my-bucket.s3.eu-west-1.amazonaws.com',
    );
    expect((await createStorage(gcs.config, { publicBaseUrl: 'http://x' })).kind).toBe('gcs');
  });

  it('reports a failing backend through the probe without throwing', async () => {
    const deleted: string[] = [];
    const broken = {
      kind: 'local' as const,
      put: async () => {
        throw new AppError('UNAVAILABLE', 'disk gone');
      },
      delete: async (key: string) => void deleted.push(key),
    };
    const result = await probeStorage(broken as never);
    expect(result).toEqual({ ok: false, detail: 'local: write failed: UNAVAILABLE: disk gone' });
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatch(/^_probe\//);
  });
});
