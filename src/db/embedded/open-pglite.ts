import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';

const int8 = 20;
const numeric = 1700;

/** PGlite on a folder (or `memory://`), with bigints and numerics read as numbers like the pg pool. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, { parsers: { [int8]: Number, [numeric]: Number } });
  await pglite.waitReady;
  return pglite;
}
