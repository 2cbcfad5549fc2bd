import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hooks = new URL('../support/trace-resolve-hooks.mjs', import.meta.url).href;

/** Every module loaded by importing `file` (TypeScript through tsx), as resolved URLs. */
function loadedBy(file: string): Promise<string[]> {
  const script = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}); await import(${JSON.stringify(file)});`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, maxBuffer: 32 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) return reject(error);
        resolve(stderr.split('\n').filter((line) => line.startsWith('resolved ')));
      },
    );
  });
}

/**
 * `adengine stdio` answers `tools/list` before it opens anything (bench/stdio-startup.ts measures
 * the time): the modules on that path must not pull the database layer, Strands or cloud SDKs.
 */
describe('the stdio start-up path', () => {
  it('loads no database driver, Strands, vendor SDK or the 1.x MCP SDK', { timeout: 60_000 }, async () => {
    const loaded = await loadedBy('./src/main/stdio-command.ts');
    expect(loaded.length).toBeGreaterThan(20);
    const heavy = loaded.filter((url) =>
      /node_modules\/(kysely|pg|@electric-sql|@strands-agents|@aws-sdk|@google|openai|sharp|pino|@modelcontextprotocol\/sdk)\//.test(
        url,
      ),
    );
    expect(heavy).toEqual([]);
  });
});
