import { rm } from 'node:fs/promises';
import { creatingFolder } from './open-pglite.js';
import { pgliteOptions } from './pglite-options.js';

/**
 * Run as its own process by `openPglite` on a first start: creates an embedded database folder
 * (PGlite's initdb) in `DATA_DIR.creating-PID`, PID its own, and exits; the starter renames it.
 * Creating it takes seconds of CPU on the thread that runs it and leaves some 400 MB of
 * WebAssembly memory that is never returned; apart, the server that waits for it keeps answering
 * /health, and that memory leaves with this process.
 */
const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: create-data-dir.js DATA_DIR');
// Named after this process, as the starter names it (see creatingFolder).
const making = creatingFolder(dataDir, process.pid);
await rm(making, { recursive: true, force: true });
const { PGlite } = await import('@electric-sql/pglite');
const pglite = new PGlite(making, pgliteOptions(PGlite.defaultStartParams));
await pglite.waitReady;
await pglite.close();
