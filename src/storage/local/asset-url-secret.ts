import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors/app-error.js';

/**
 * The configured secret, else one generated on first start and kept in `${home}/asset-url-secret`
 * (mode 0600), so links stay valid across restarts without anyone having to configure one.
 */
export async function loadAssetUrlSecret(configured: string | undefined, home: string): Promise<string> {
  if (configured !== undefined) return configured;
  const file = path.join(home, 'asset-url-secret');
  const existing = await readSecret(file);
  if (existing !== undefined) return existing;
  await mkdir(home, { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process won the race to create it: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = await readSecret(file);
  if (created === undefined)
    throw new AppError('CONFIG_ERROR', `could not read the asset URL secret in ${file}`);
  return created;
}

/**
 * Opened without following a symbolic link (O_NOFOLLOW): a link planted in its place could make
 * another file the HMAC key, and the chmod below would loosen or tighten that file instead.
 */
async function readSecret(file: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK') {
      throw new AppError(
        'CONFIG_ERROR',
        `the asset URL secret ${file} is a symbolic link, which is refused. Fix: replace it with a regular file, or set ADENGINE_ASSET_URL_SECRET`,
      );
    }
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new AppError('CONFIG_ERROR', `the asset URL secret ${file} is not a regular file`);
    const secret = (await handle.readFile('utf8')).trim();
    if (secret.length < 32) {
      throw new AppError(
        'CONFIG_ERROR',
        `the asset URL secret in ${file} is shorter than 32 characters. Fix: delete the file to generate a new one`,
      );
    }
    // Tighten a copy someone loosened (e.g. restored from a backup), through the handle we read.
    if ((stats.mode & 0o077) !== 0) await handle.chmod(0o600);
    return secret;
  } finally {
    await handle.close();
  }
}
