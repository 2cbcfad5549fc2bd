import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
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

async function readSecret(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < 32) {
    throw new AppError(
      'CONFIG_ERROR',
      `the asset URL secret in ${file} is shorter than 32 characters. Fix: delete the file to generate a new one`,
    );
  }
  // Tighten a copy someone loosened (e.g. restored from a backup).
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return secret;
}
