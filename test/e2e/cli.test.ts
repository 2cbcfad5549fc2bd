import { beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, runCli, tempHome } from './support/cli-process.js';

describe('adengine CLI', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    env = baseEnv({ ADENGINE_HOME: await tempHome() });
    const migrated = await runCli(['--json', 'migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
  });

  it('creates a user, a key, and keeps credits exact', async () => {
    const created = await runCli(
      ['--json', 'users', 'create', '--email', 'Mia@Example.com', '--credits', '40'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'mia@example.com', id: expect.any(String) });

    const key = await runCli(['--json', 'keys', 'create', '--user', 'mia@example.com'], env);
    expect(JSON.parse(key.stdout).key).toMatch(/^ae_[A-Za-z0-9_-]{43}$/);

    expect(
      (
        await runCli(
          ['credits', 'grant', '--user', 'mia@example.com', '--amount', '2', '--reason', 'bonus'],
          env,
        )
      ).code,
    ).toBe(0);
    const balance = await runCli(['--json', 'credits', 'balance', '--user', 'mia@example.com'], env);
    expect(JSON.parse(balance.stdout)).toEqual({ balance: 42, held: 0, available: 42 });
    const history = await runCli(['--json', 'credits', 'history', '--user', 'mia@example.com'], env);
    const entries = JSON.parse(history.stdout) as Array<{
      amount: number;
      reason: string;
      balanceAfter: number;
    }>;
    expect(entries.map((entry) => [entry.amount, entry.balanceAfter, entry.reason])).toEqual([
      [2, 42, 'bonus'],
      [40, 40, 'initial credits'],
    ]);
  });

  it('fails with one stderr line and the documented exit codes', async () => {
    const unknown = await runCli(['credits', 'balance', '--user', 'ghost@example.com'], env);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/NOT_FOUND: no user with email ghost@example.com/);

    const badAmount = await runCli(['credits', 'grant', '--user', 'mia@example.com', '--amount', '-5'], env);
    expect(badAmount.code).toBe(2);
    expect(badAmount.stderr).toMatch(/--amount/);

    const duplicate = await runCli(['users', 'create', '--email', 'mia@example.com'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/CONFLICT: a user with email mia@example.com already exists/);

    const badConfig = await runCli(['credits', 'balance', '--user', 'mia@example.com'], {
      ...env,
      STORAGE_BACKEND: 's3',
      OPENAI_API_KEY: 'sk-secret-value',
    });
    expect(badConfig.code).toBe(3);
    expect(badConfig.stderr).toMatch(/S3_BUCKET is required when STORAGE_BACKEND=s3\. Fix: /);
    expect(badConfig.stderr).not.toContain('sk-secret-value');
  });

  it('lists the model catalogue with prices and configured state', async () => {
    const listed = await runCli(['--json', 'models', 'list', '--kind', 'image'], {
      ...env,
      GEMINI_API_KEY: 'x',
    });
    expect(listed.code, listed.stderr).toBe(0);
    const models = JSON.parse(listed.stdout) as Array<{ id: string; kind: string; configured: boolean }>;
    expect(models.every((model) => model.kind === 'image')).toBe(true);
    expect(models.find((model) => model.id === 'gemini-3.1-flash-image')?.configured).toBe(true);
    expect(models.find((model) => model.id === 'qwen-image')?.configured).toBe(false);
  });

  it('doctor checks config, database, storage and providers, with secrets redacted', async () => {
    const doctor = await runCli(['--json', 'doctor'], {
      ...env,
      OPENAI_API_KEY: 'sk-secret-value',
      OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
    });
    expect(doctor.code, doctor.stderr).toBe(0);
    expect(doctor.stdout).not.toContain('sk-secret-value');
    const report = JSON.parse(doctor.stdout) as {
      ok: boolean;
      checks: Array<{ name: string; ok: boolean; detail: string }>;
    };
    const names = report.checks.map((check) => check.name);
    expect(names).toEqual(
      expect.arrayContaining(['config', 'database', 'storage (local)', 'provider openai-compatible']),
    );
    expect(report.checks.find((check) => check.name === 'provider gemini')?.detail).toMatch(/GEMINI_API_KEY/);
  });

  it('stores and reads back a file through the storage commands', async () => {
    const { writeFile } = await import('node:fs/promises');
    const file = `${env.ADENGINE_HOME}/hello.txt`;
    await writeFile(file, 'hello storage');
    const put = await runCli(['--json', 'storage', 'put', file, '--key', 'uploads/hello.txt'], env);
    expect(put.code, put.stderr).toBe(0);
    const got = await runCli(['storage', 'get', 'uploads/hello.txt'], env);
    expect(got.stdout).toBe('hello storage');
    const escaping = await runCli(['storage', 'get', '../../etc/passwd'], env);
    expect(escaping.code).toBe(2);
  });
});
