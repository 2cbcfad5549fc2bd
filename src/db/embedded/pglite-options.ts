import type { PGliteOptions } from '@electric-sql/pglite';

const int8 = 20;
const numeric = 1700;

/**
 * How every PGlite of a home is opened: bigints and numerics read as numbers, like the pg pool.
 * Postgres' default 128 MB of shared buffers is set up (and touched) at start; an embedded
 * database of one developer's home needs far less, and the saving is ~130 MB of idle RSS
 * (docs/benchmarks.md). Pages not in the buffers are read back from the folder, through the OS cache.
 */
export function pgliteOptions(defaultStartParams: readonly string[]): PGliteOptions {
  return {
    parsers: { [int8]: Number, [numeric]: Number },
    startParams: [...defaultStartParams, '-c', 'shared_buffers=16MB'],
  };
}
