import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { baseEnv, runCli, tempHome } from './support/cli-process.js';

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('an unreachable DATABASE_URL', () => {
  it('fails with the variable named, the fix, exit code 3, and no password', async () => {
    const port = await closedPort();
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      DATABASE_URL: `postgres://adengine:s3cret-pass@127.0.0.1:${port}/adengine`,
    });
    const result = await runCli(['credits', 'balance', '--user', 'ada@example.com'], env);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('CONFIG_ERROR');
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
    expect(result.stderr).toMatch(/Fix: /);
    expect(result.stderr).not.toContain('s3cret-pass');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
