import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

/** Hostile clients and unsafe defaults against the built CLI (issue 11); each failed before the fix. */
describe('adengine serve under hostile clients', () => {
  let server: ServeProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = baseEnv({ ADENGINE_HOME: await tempHome(), HTTP_HEADERS_TIMEOUT_SECONDS: '1' });
    server = await startServe(env);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('answers GET /api/v1/jobs/%00 with 404 NOT_FOUND, not 500', async () => {
    const response = await fetch(`${server.baseUrl}/api/v1/jobs/%00`, {
      headers: { authorization: `Bearer ${server.firstKey}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(server.output()).not.toMatch(/request failed/);
  });

  it('cuts a client that never finishes its headers after HTTP_HEADERS_TIMEOUT_SECONDS', async () => {
    const url = new URL(server.baseUrl);
    const started = Date.now();
    const closedAfterMs = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      });
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(Date.now() - started));
      setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept a slow-headers socket open for 10 s'));
      }, 10_000);
    });
    expect(closedAfterMs).toBeLessThan(5_000);
  });

  it('lists users and keys without the key, and a revoked key stops working at once', async () => {
    const users = await runCli(['--json', 'users', 'list'], env);
    expect(users.code).toBe(0);
    const [local] = JSON.parse(users.stdout) as Array<{ id: string; email: string }>;
    expect(local?.email).toBe('local@adengine.localhost');

    const created = JSON.parse(
      (await runCli(['--json', 'keys', 'create', '--user', local?.email as string, '--name', 'ci'], env))
        .stdout,
    ) as { key: string; id: string };
    const use = () =>
      fetch(`${server.baseUrl}/api/v1/me/credits`, { headers: { authorization: `Bearer ${created.key}` } });
    expect((await use()).status).toBe(200);

    const listed = await runCli(['--json', 'keys', 'list', '--user', local?.email as string], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(created.key);
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(rows.find((row) => row.id === created.id)).toMatchObject({
      prefix: created.key.slice(0, 10),
      name: 'ci',
      revokedAt: null,
    });
    expect(rows.find((row) => row.id === created.id)?.lastUsedAt).toEqual(expect.any(String));

    const revoked = await runCli(['--json', 'keys', 'revoke', created.id], env);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id: created.id, revokedAt: expect.any(String) });
    // Revoked in another process: the server's key cache lets it through for at most 2 s
    // (docs/security.md); every request after that is refused.
    await expect.poll(async () => (await use()).status, { timeout: 3000, interval: 200 }).toBe(401);
    expect((await runCli(['keys', 'revoke', 'not-a-key-id'], env)).code).toBe(4);
  });
});

describe('doctor --json with credentials in URLs', () => {
  it('prints no password held in a URL query string or in URL credentials', async () => {
    const secret = 'pw-7f3e9c1a5b';
    const result = await runCli(
      ['--json', 'doctor'],
      baseEnv({
        ADENGINE_HOME: await tempHome(),
        DATABASE_URL: `postgres://ads:${secret}-a@127.0.0.1:1/ads?sslmode=disable&password=${secret}-b`,
        OPENAI_BASE_URL: `http://user:${secret}-c@127.0.0.1:1/v1`,
        GEMINI_BASE_URL: `http://gemini:${secret}-d@127.0.0.1:1/`,
        AWS_ENDPOINT_URL_S3: `http://minio:${secret}-e@127.0.0.1:1`,
      }),
    );
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(`${result.stdout}\n${result.stderr}`).not.toContain(secret);
  }, 60_000);
});

describe('production start-up', () => {
  it('stdio without --user or ADENGINE_USER refuses to start, naming the fix', async () => {
    const result = await runCli(
      ['stdio'],
      baseEnv({
        ADENGINE_PROFILE: 'production',
        ADENGINE_HOME: await tempHome(),
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        STORAGE_BACKEND: 's3',
        S3_BUCKET: 'assets',
      }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ADENGINE_USER/);
    expect(result.stdout).toBe('');
  });

  const serverUrl = process.env.TEST_DATABASE_URL;
  it.skipIf(serverUrl === undefined)(
    'serve on an empty database creates no user and prints no key',
    async () => {
      const database = `adengine_prod_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${database}`);
      const url = new URL(serverUrl as string);
      url.pathname = `/${database}`;
      const prod = baseEnv({
        ADENGINE_PROFILE: 'production',
        ADENGINE_HOME: await tempHome(),
        DATABASE_URL: url.toString(),
        STORAGE_BACKEND: 's3',
        S3_BUCKET: 'assets',
        AWS_REGION: 'us-east-1',
      });
      const serve = await startServe(prod);
      try {
        expect(serve.firstKey).toBe('');
        expect(serve.output()).not.toMatch(/ae_[A-Za-z0-9_-]{20,}/);
        const users = await runCli(['--json', 'users', 'list'], prod);
        expect(JSON.parse(users.stdout)).toEqual([]);
      } finally {
        await serve.stop();
        await admin.query(`drop database ${database} with (force)`);
        await admin.end();
      }
    },
    120_000,
  );
});
