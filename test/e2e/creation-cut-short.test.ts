import { spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built module: only the build creates a database apart, in a child process. */
const built = pathToFileURL(path.resolve('dist/db/embedded/open-pglite.js')).href;

describe('embedded database: a first creation whose process is killed', () => {
  it('the next process opens the home at once, even while the orphaned creation still runs', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'adengine-cut-short-'));
    const dataDir = path.join(home, 'pgdata');
    // Like `adengine stdio` closed by its client (the Inspector) before the database it started was made.
    const first = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { openPglite } from ${JSON.stringify(built)}; await openPglite(${JSON.stringify(dataDir)});`,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    // Killed once the creation is writing its files.
    const writing = async () => {
      const making = (await readdir(home)).find((name) => name.startsWith('pgdata.creating-'));
      if (making === undefined) return false;
      return (await readdir(path.join(home, making)).catch((): string[] => [])).includes('base');
    };
    while (!(await writing())) {
      if (Date.now() > deadline) throw new Error('the first process never began creating');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const { openPglite } = (await import(built)) as typeof import('../../src/db/embedded/open-pglite.js');
    const pglite = await openPglite(dataDir);
    try {
      expect((await pglite.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pglite.close();
    }
  }, 120_000);
});
