import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, cliPath, runCli, tempHome } from './support/cli-process.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function status(url: string): Promise<{ code: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return { code: response.status, body: await response.text() };
  } catch {
    return undefined; // not listening yet
  }
}

describe('first start', () => {
  it('serve: /health answers 200 while /ready is 503 until the database is open; stderr says what it is doing', async () => {
    const home = await tempHome();
    const port = await freePort();
    const child = spawn(process.execPath, [cliPath, 'serve', '--port', String(port)], {
      env: baseEnv({ ADENGINE_HOME: home }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const base = `http://127.0.0.1:${port}`;
    const seen: string[] = [];
    try {
      const deadline = Date.now() + 80_000;
      for (;;) {
        expect(Date.now(), `serve never became ready: ${stderr}`).toBeLessThan(deadline);
        expect(child.exitCode, stderr).toBeNull();
        const health = await status(`${base}/health`);
        const ready = await status(`${base}/ready`);
        if (health !== undefined && ready !== undefined) {
          expect(health.code).toBe(200);
          seen.push(`${ready.code} ${ready.body}`);
          if (ready.code === 200) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Creating the database takes seconds: the process listened before it was ready.
      const notReady = seen.filter((line) => line.startsWith('503 '));
      expect(notReady.length, seen.join('\n')).toBeGreaterThan(0);
      expect(notReady[0]).toMatch(/"code":"UNAVAILABLE","message":"not ready: the database is opening/);
      expect(seen.at(-1)).toMatch(/^200 .*"status":"ready"/);
      expect(stderr).toMatch(
        new RegExp(
          `adengine: creating the embedded database in ${path.join(home, 'pgdata').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(first start: this takes a few seconds\\)…\n`,
        ),
      );
      expect(stderr).toMatch(
        /adengine: database ready in \d+\.\d s; applied \d+ migration\(s\): 2026-11-25T0700-initial/,
      );
      // The folder was created whole, in a process of its own, and renamed into place.
      expect(existsSync(path.join(home, 'pgdata', 'PG_VERSION'))).toBe(true);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('a CLI command on a new home says it is creating the database, except under --json', async () => {
    const plain = await runCli(['migrate'], baseEnv({ ADENGINE_HOME: await tempHome() }));
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(
      /^adengine: creating the embedded database in .*\(first start: this takes a few seconds\)…\n/,
    );
    const json = await runCli(['--json', 'migrate'], baseEnv({ ADENGINE_HOME: await tempHome() }));
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('');
  });
});
