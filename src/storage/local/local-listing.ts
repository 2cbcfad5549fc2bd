import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors/app-error.js';

/** S3 and GCS order keys by their UTF-8 bytes; so does the local backend. */
export function compareKeys(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}

export function encodeCursor(lastKey: string): string {
  return Buffer.from(`k:${lastKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!text.startsWith('k:'))
    throw new AppError('INVALID_INPUT', 'the list cursor is not one this server issued');
  return text.slice(2);
}

/** Whether any folder of `directory` (below `base`) is a symbolic link, or is missing. */
async function crossesLink(base: string, directory: string): Promise<boolean> {
  let folder = base;
  for (const part of directory.split('/').filter(Boolean)) {
    folder = path.join(folder, part);
    try {
      if ((await lstat(folder)).isSymbolicLink()) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * Every regular file under `base/directory`, as `/`-joined keys. Symbolic links are never
 * followed: not as entries met on the way, nor as a folder of the prefix being listed.
 */
export async function walkKeys(base: string, directory: string): Promise<string[]> {
  if (await crossesLink(base, directory)) return [];
  const keys: string[] = [];
  const pending = [directory];
  while (pending.length > 0) {
    const relative = pending.pop() ?? '';
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(base, ...relative.split('/').filter(Boolean)), {
        withFileTypes: true,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      throw error;
    }
    for (const entry of entries) {
      const key = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) pending.push(key);
      else if (entry.isFile()) keys.push(key);
    }
  }
  return keys;
}
