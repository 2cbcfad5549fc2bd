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
  const making = `${dataDir}.creating-${process.pid}`;
  await rm(making, { recursive: true, force: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [script, making], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`creating ${dataDir} failed: ${stderr.trim()}`)),
    );
  }).catch(async (error: unknown) => {
    await rm(making, { recursive: true, force: true });
    throw error;
  });
  // The caller made the (empty) folder; a folder someone filled meanwhile is kept.
  if ((await readdir(dataDir)).length === 0) {
    await rmdir(dataDir);
    await rename(making, dataDir);
  } else {
    await rm(making, { recursive: true, force: true });
  }
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

/** Folders of creations whose process died mid-way (killed, power lost): nothing will finish them. */
export async function removeAbandonedCreations(dataDir: string): Promise<string[]> {
  const parent = path.dirname(dataDir);
  const prefix = `${path.basename(dataDir)}.creating-`;
  const names = await readdir(parent).catch(() => [] as string[]);
  const abandoned = names.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const pid = Number(name.slice(prefix.length));
    return Number.isInteger(pid) && pid > 0 && !isRunning(pid);
  });
  await Promise.all(abandoned.map((name) => rm(path.join(parent, name), { recursive: true, force: true })));
  return abandoned;
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
