import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { pgliteOptions } from './pglite-options.js';

/**
 * Creates a new database folder in a child process (see create-data-dir.ts), into a sibling
 * folder renamed into place once whole: a creation cut short never leaves a half-made database.
 * Run from sources (tests under tsx), the child cannot load TypeScript: creation stays in process.
 */
async function createApart(dataDir: string): Promise<void> {
  const script = fileURLToPath(new URL('./create-data-dir.js', import.meta.url));
  if (!existsSync(script)) return;
  let making: string | undefined;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    // Named after the process that writes it (the child names it the same way): if this process
    // dies, the folder is not abandoned while the child still writes it.
    if (child.pid !== undefined) making = creatingFolder(dataDir, child.pid);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`creating ${dataDir} failed: ${stderr.trim()}`)),
    );
  }).catch(async (error: unknown) => {
    if (making !== undefined) await rm(making, { recursive: true, force: true });
    throw error;
  });
  if (making === undefined) throw new Error(`creating ${dataDir}: the creating process had no pid`);
  // The caller made the (empty) folder; a folder someone filled meanwhile is kept.
  if ((await readdir(dataDir)).length === 0) {
    await rmdir(dataDir);
    await rename(making, dataDir);
  } else {
    await rm(making, { recursive: true, force: true });
  }
}

/** Where the process `pid` creates a database for `dataDir`, before it is renamed into place. */
export function creatingFolder(dataDir: string, pid: number): string {
  return `${dataDir}.creating-${pid}`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Folders of creations whose creating process died mid-way (killed, power lost): nothing will
 * finish them. A folder is named after the process that writes it, so one still being written (its
 * starter gone, the creation running on) is left alone.
 */
export async function removeAbandonedCreations(dataDir: string): Promise<string[]> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.creating-`;
  const names = await readdir(parent).catch(() => [] as string[]);
  const abandoned = names.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const pid = Number(name.slice(prefix.length));
    return Number.isInteger(pid) && pid > 0 && !isRunning(pid);
  });
  // Tidying only: a folder that cannot be removed now is tried again on a later start.
  const removed = await Promise.all(
    abandoned.map((name) =>
      rm(path.join(parent, name), { recursive: true, force: true, maxRetries: 3 }).then(
        () => name,
        () => undefined,
      ),
    ),
  );
  return removed.filter((name) => name !== undefined);
}

/** PGlite on a folder (or `memory://`), created apart on first use (see createApart). */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) {
    await removeAbandonedCreations(dataDir);
    await mkdir(dataDir, { recursive: true });
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await createApart(dataDir);
  }
  const pglite = new PGlite(dataDir, pgliteOptions(PGlite.defaultStartParams));
  await pglite.waitReady;
  return pglite;
}
