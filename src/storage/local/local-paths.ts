import { mkdir, realpath, rename } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors/app-error.js';
import { checkKey } from '../asset-keys.js';

/**
 * Keeping every local file under its root. `checkKey` refuses bad keys first; these are the
 * second line of defence, whatever the platform's path rules and whatever symbolic links exist.
 */
export function pathInside(base: string, key: string, suffix = ''): string {
  const full = path.resolve(base, ...checkKey(key).split('/')) + suffix;
  if (!full.startsWith(base + path.sep)) {
    throw new AppError('INVALID_INPUT', 'the key resolves outside the storage folder');
  }
  return full;
}

/** Refuses a path whose real location (after symbolic links) is outside `base`. */
export async function assertRealPathInside(file: string, base: string, key: string): Promise<void> {
  const [real, realBase] = await Promise.all([realpath(file), realpath(base)]);
  if (!real.startsWith(realBase + path.sep))
    throw new AppError('FORBIDDEN', `the key ${key} leads outside storage`);
}

/** The atomic last step of a write: rename a finished temp file into place under `root`. */
export async function moveInto(temp: string, destination: string, root: string, key: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const folder = path.dirname(destination);
      await mkdir(folder, { recursive: true });
      await assertRealPathInside(folder, root, key);
      await rename(temp, destination);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A concurrent delete may prune the fresh folder between mkdir and rename.
      if (code === 'ENOENT' && attempt < 3) continue;
      if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') {
        throw new AppError(
          'CONFLICT',
          `local storage cannot hold ${key} because it would be both a file and a folder (another key has it as a prefix)`,
        );
      }
      throw error;
    }
  }
}
