import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAssetUrlSecret } from '../../src/storage/local/asset-url-secret.js';
import { LocalStorage } from '../../src/storage/local/local-storage.js';
import { appErrorOf } from '../support/app-error-of.js';

/** Symbolic links planted in ADENGINE_HOME (issue 11): never followed. */
describe('symbolic links in the local home', () => {
  const folders: string[] = [];
  const folder = async () => {
    const made = await mkdtemp(path.join(tmpdir(), 'adengine-links-'));
    folders.push(made);
    return made;
  };
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((made) => rm(made, { recursive: true, force: true })));
  });

  it('refuses an asset-url-secret that is a symbolic link, leaving its target untouched', async () => {
    const home = await folder();
    const elsewhere = path.join(await folder(), 'not-yours');
    await writeFile(elsewhere, `${randomBytes(32).toString('hex')}\n`);
    await chmod(elsewhere, 0o644);
    await symlink(elsewhere, path.join(home, 'asset-url-secret'));
    const error = await appErrorOf(loadAssetUrlSecret(undefined, home));
    expect(error.code).toBe('CONFIG_ERROR');
    expect(error.message).toMatch(/symbolic link/);
    expect((await stat(elsewhere)).mode & 0o777).toBe(0o644);
  });

  it('still makes and reads a regular secret file (mode 0600)', async () => {
    const home = await folder();
    const secret = await loadAssetUrlSecret(undefined, home);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(await loadAssetUrlSecret(undefined, home)).toBe(secret);
    expect((await stat(path.join(home, 'asset-url-secret'))).mode & 0o777).toBe(0o600);
  });

  it('never lists through a symbolic-linked folder out of the storage root', async () => {
    const root = await folder();
    const outside = await folder();
    await writeFile(path.join(outside, 'passwd'), 'root:x:0:0');
    const storage = new LocalStorage({
      root,
      publicBaseUrl: 'http://127.0.0.1:9',
      secret: randomBytes(32).toString('base64url'),
    });
    await storage.put({ key: 'uploads/a.txt', body: Buffer.from('mine'), contentType: 'text/plain' });
    await mkdir(path.join(root, 'objects'), { recursive: true });
    await symlink(outside, path.join(root, 'objects', 'etc'));
    await symlink(outside, path.join(root, 'objects', 'uploads', 'deeper'));
    const everything = await storage.list({});
    expect(everything.objects.map((object) => object.key)).toEqual(['uploads/a.txt']);
    expect((await storage.list({ prefix: 'etc/' })).objects).toEqual([]);
    expect((await storage.list({ prefix: 'uploads/deeper/' })).objects).toEqual([]);
    expect((await storage.list({ prefix: 'etc/pa' })).objects).toEqual([]);
  });
});
