import { readFile, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';

/** What sits beside each object; kept in a separate tree so it can never be listed as an object. */
export interface Sidecar {
  contentType: string;
  metadata: Record<string, string>;
  etag: string;
  size: number;
}

export async function readSidecar(file: string): Promise<Sidecar | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Sidecar>;
    if (typeof parsed.contentType !== 'string' || typeof parsed.size !== 'number') return undefined;
    return {
      contentType: parsed.contentType,
      metadata: parsed.metadata ?? {},
      etag: typeof parsed.etag === 'string' ? parsed.etag : '',
      size: parsed.size,
    };
  } catch {
    // A file dropped in by hand has no sidecar: it is still an object, with default metadata.
    return undefined;
  }
}

export async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw error;
  }
}

export async function pruneEmptyFolders(folder: string, stopAt: string): Promise<void> {
  let current = folder;
  while (current.startsWith(stopAt + path.sep)) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    current = path.dirname(current);
  }
}
