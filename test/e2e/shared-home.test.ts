import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { baseEnv, cliPath, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

const email = 'ada@example.com';
const loadMs = 20_000;
const killAfterMs = 8_000;
const grantAmount = 7;
const startingCredits = 100_000;
/** Each session calls at most this often, under the per-user rate limit (120 a minute per process). */
const callSpacingMs = 600;

interface Stdio {
  client: Client;
  stderr: () => string;
}

async function connectStdio(env: Record<string, string>): Promise<Stdio> {
  let stderr = '';
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliPath, 'stdio', '--user', email],
    env,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'e2e-shared-home', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

async function stdioBalance(stdio: Stdio): Promise<number> {
  const result = await stdio.client.callTool({ name: 'get_credit_balance', arguments: {} });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return (result.structuredContent as { balance: number }).balance;
}

async function restBalance(serve: ServeProcess, key: string): Promise<number> {
  const response = await fetch(`${serve.baseUrl}/api/v1/me/credits`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { balance: number }).balance;
}

async function cliBalance(env: Record<string, string>): Promise<number> {
  const result = await runCli(['--json', 'credits', 'balance', '--user', email], env);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { balance: number }).balance;
}

describe('one home shared by serve, two stdio sessions and the CLI', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  it('keeps every write visible to every process and after a restart, across an owner SIGKILL', async () => {
    const gemini = await GeminiFake.start();
    closers.push(() => gemini.close());
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.baseUrl,
    });
    const created = await runCli(
      ['users', 'create', '--email', email, '--credits', String(startingCredits)],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const keyResult = await runCli(['--json', 'keys', 'create', '--user', email], env);
    expect(keyResult.code, keyResult.stderr).toBe(0);
    const key = (JSON.parse(keyResult.stdout) as { key: string }).key;

    let serve = await startServe(env);
    closers.push(() => serve.stop());
    const sessions = [await connectStdio(env), await connectStdio(env)];
    for (const session of sessions) closers.push(() => session.client.close());
    expect(await stdioBalance(sessions[0] as Stdio)).toBe(startingCredits);

    const started = Date.now();
    const until = started + loadMs;
    const grants: Array<{ key: string; code: number | null; stderr: string }> = [];
    const charges: number[] = [];
    const callFailures: string[] = [];
    let longestCallMs = 0;
    let killedAt = 0;

    const grantLoop = async () => {
      for (let n = 0; Date.now() < until; n++) {
        const grantKey = `grant-${n}`;
        const result = await runCli(
          [
            'credits',
            'grant',
            '--user',
            email,
            '--amount',
            String(grantAmount),
            '--idempotency-key',
            grantKey,
          ],
          env,
        );
        grants.push({ key: grantKey, code: result.code, stderr: result.stderr });
      }
    };
    const stdioLoop = async (session: Stdio) => {
      while (Date.now() < until) {
        const before = Date.now();
        const result = await session.client.callTool(
          { name: 'generate_image', arguments: { prompt: 'a lighthouse at dawn' } },
          undefined,
          { timeout: 60_000 },
        );
        const took = Date.now() - before;
        longestCallMs = Math.max(longestCallMs, took);
        if (result.isError) callFailures.push(JSON.stringify(result.content));
        else charges.push((result.structuredContent as { creditsCharged: number }).creditsCharged);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, callSpacingMs - took)));
      }
    };
    const killer = async () => {
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      const exited = new Promise((resolve) => serve.child.once('exit', resolve));
      killedAt = Date.now() - started;
      serve.child.kill('SIGKILL');
      await exited;
      // A new server joins the home while the others carry on.
      serve = await startServe(env);
    };
    await Promise.all([grantLoop(), ...sessions.map(stdioLoop), killer()]);

    expect(killedAt).toBeGreaterThan(0);
    expect(grants.filter((grant) => grant.code !== 0)).toEqual([]);
    expect(callFailures).toEqual([]);
    expect(grants.length).toBeGreaterThan(3);
    expect(charges.length).toBeGreaterThan(3);
    // Bounded: no call waited for more than the takeover plus a call's own time.
    expect(longestCallMs).toBeLessThan(30_000);
    process.stderr.write(
      `shared-home: ${grants.length} grants, ${charges.length} paid calls, owner killed at ${killedAt} ms, longest call ${longestCallMs} ms\n`,
    );

    const expected =
      startingCredits + grantAmount * grants.length - charges.reduce((sum, charge) => sum + charge, 0);
    for (const session of sessions) expect(await stdioBalance(session)).toBe(expected);
    expect(await restBalance(serve, key)).toBe(expected);
    expect(await cliBalance(env)).toBe(expected);
    const history = await runCli(['--json', 'credits', 'history', '--user', email, '--limit', '9999'], env);
    expect(history.code, history.stderr).toBe(0);
    const entries = JSON.parse(history.stdout) as Array<{ amount: number; reason: string }>;
    expect(entries.filter((entry) => entry.reason === 'manual grant')).toHaveLength(grants.length);

    // Everything stops; the data is all there for the next process.
    for (const session of sessions) await session.client.close();
    await serve.stop();
    expect(await cliBalance(env)).toBe(expected);
    serve = await startServe(env);
    expect(await restBalance(serve, key)).toBe(expected);
    await serve.stop();
  }, 180_000);
});
