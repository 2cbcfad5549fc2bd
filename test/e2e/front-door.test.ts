import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, type CliResult, cliPath, runCli, tempHome } from './support/cli-process.js';

/** The one line a failure prints (the AWS / Google SDKs may print their own notices before it). */
function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

function jsonError(result: CliResult): { code: string; message: string; fix: string } {
  const parsed = JSON.parse(lastLine(result.stderr)) as {
    error: { code: string; message: string; fix: string };
  };
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'fix', 'message']);
  return parsed.error;
}

/** `adengine stdio` given an `initialize` request; resolves when the process exits. */
function stdioWithInitialize(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'stdio', ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'e2e', version: '1' },
        },
      })}\n`,
    );
    // A server that does not fail stays up: end it so the test reports instead of hanging.
    setTimeout(() => child.kill('SIGTERM'), 20_000).unref();
  });
}

describe('the front door: every error names its cause and its fix', () => {
  let env: Record<string, string>;

  beforeAll(async () => {
    const home = await tempHome();
    // HOME is empty too: no ~/.aws or gcloud files on this machine may answer for the tests.
    env = baseEnv({ ADENGINE_HOME: home, HOME: home });
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
  });

  it('an unknown flag is a usage error (exit 2) naming the flag, even beside a missing required one', async () => {
    const result = await runCli(['users', 'create', '--mail', 'x@y.z'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^adengine: INVALID_INPUT: unknown option '--mail' for `adengine users create` \(did you mean --email\?\)\. Fix: see `adengine users create --help`\n$/,
    );
  });

  it('under --json, errors are one JSON object {"error": {code, message, fix}} on stderr', async () => {
    const usage = await runCli(['--json', 'users', 'create', '--mail', 'x@y.z'], env);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(jsonError(usage)).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/'--mail'/),
    });

    const missing = await runCli(['--json', 'credits', 'balance', '--user', 'ghost@example.com'], env);
    expect(missing.code).toBe(4);
    expect(jsonError(missing)).toEqual({
      code: 'NOT_FOUND',
      message: 'no user with email ghost@example.com',
      fix: 'adengine users create --email ghost@example.com',
    });

    const required = await runCli(['--json', 'users', 'create'], env);
    expect(required.code).toBe(2);
    expect(jsonError(required).message).toMatch(/--email/);
  });

  it('no command is a stub: chat takes its message like any command, a typo is an unknown command', async () => {
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/stdio/);
    // The old `chat` placeholder answered "not available yet" whatever it was given.
    const chat = await runCli(['chat'], env);
    expect(chat.code).toBe(2);
    expect(chat.stderr).toMatch(
      /^adengine: INVALID_INPUT: missing required argument 'message'\. Fix: see `adengine chat --help`\n$/,
    );
    const typo = await runCli(['chta', 'hello'], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^adengine: INVALID_INPUT: unknown command 'chta'\. Fix: see `adengine --help`\n$/,
    );
  });

  it('a group without its command says which commands it has', async () => {
    const result = await runCli(['credits'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^adengine: INVALID_INPUT: `adengine credits` needs a command: grant, balance, history/,
    );
  });

  it('doctor --json is one JSON document, the effective config an object', async () => {
    const doctor = await runCli(['--json', 'doctor'], env);
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout) as {
      ok: boolean;
      checks: Array<{ name: string; detail: string }>;
      config: { home: string; storage: { backend: string } };
    };
    expect(report.ok).toBe(true);
    expect(report.config).toMatchObject({ home: env.ADENGINE_HOME, storage: { backend: 'local' } });
    expect(report.checks.every((check) => !check.detail.trim().startsWith('{'))).toBe(true);
  });

  it('stdio for an unknown user fails at start: no initialize answer, one line naming the user and the fix', async () => {
    for (const [args, extra] of [
      [['--user', 'nobody@example.com'], {}],
      [[], { ADENGINE_USER: 'nobody@example.com' }],
    ] as const) {
      const result = await stdioWithInitialize([...args], { ...env, ...extra });
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'adengine: NOT_FOUND: no user with email nobody@example.com. Fix: adengine users create --email nobody@example.com\n',
      );
    }
  });

  it('S3 storage without a region names AWS_REGION (the SDK says only "Region is missing")', async () => {
    const s3 = { ...env, STORAGE_BACKEND: 's3', S3_BUCKET: 'my-bucket', AWS_EC2_METADATA_DISABLED: 'true' };
    const listed = await runCli(['storage', 'ls'], s3);
    expect(listed.code).toBe(3);
    expect(listed.stderr).toBe(
      'adengine: CONFIG_ERROR: S3 storage needs an AWS region. Fix: set AWS_REGION (e.g. AWS_REGION=us-east-1), or a region in the AWS_PROFILE config\n',
    );
    const doctor = await runCli(['--json', 'doctor'], s3);
    expect(doctor.code).toBe(1);
    const report = JSON.parse(doctor.stdout) as {
      checks: Array<{ name: string; ok: boolean; detail: string }>;
    };
    expect(report.checks.find((check) => check.name === 'storage (s3)')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/CONFIG_ERROR: S3 storage needs an AWS region\. Fix: set AWS_REGION/),
    });
  });

  it('S3 storage without credentials names the variables to set', async () => {
    const result = await runCli(['storage', 'ls'], {
      ...env,
      STORAGE_BACKEND: 's3',
      S3_BUCKET: 'my-bucket',
      AWS_REGION: 'eu-west-1',
      // The chain's last resort is the EC2 metadata address: this machine must not call it.
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'adengine: CONFIG_ERROR: S3 storage found no AWS credentials. Fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE\n',
    );
  });

  it('GCS storage with an unreadable key file names GOOGLE_APPLICATION_CREDENTIALS', async () => {
    const result = await runCli(['storage', 'ls'], {
      ...env,
      STORAGE_BACKEND: 'gcs',
      GCS_BUCKET: 'my-bucket',
      GOOGLE_APPLICATION_CREDENTIALS: '/nowhere/key.json',
    });
    expect(result.code).toBe(3);
    expect(lastLine(result.stderr)).toMatch(
      /^adengine: CONFIG_ERROR: Cloud Storage could not read the credentials file \/nowhere\/key\.json \(ENOENT\)\. Fix: set GOOGLE_APPLICATION_CREDENTIALS to the path of a service-account key file/,
    );
  });
});
