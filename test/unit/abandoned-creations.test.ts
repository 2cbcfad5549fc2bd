import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeAbandonedCreations } from '../../src/db/embedded/open-pglite.js';

describe('embedded database: creations cut short', () => {
  it('removes the folder of a creation whose process is gone, and keeps a running one and other files', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'adengine-abandoned-'));
    const dataDir = path.join(home, 'pgdata');
    // A pid that is certainly gone: a child that has already exited.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await mkdir(path.join(home, `pgdata.creating-${gone}`));
    await writeFile(path.join(home, `pgdata.creating-${gone}`, 'PG_VERSION'), '17');
    await mkdir(path.join(home, `pgdata.creating-${process.pid}`));
    await mkdir(path.join(home, 'pgdata.creating-notapid'));
    await writeFile(path.join(home, 'settings.json'), '{}');

    expect(await removeAbandonedCreations(dataDir)).toEqual([`pgdata.creating-${gone}`]);
    expect((await readdir(home)).sort()).toEqual(
      [`pgdata.creating-${process.pid}`, 'pgdata.creating-notapid', 'settings.json'].sort(),
    );
  });
});
