import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeminiFake } from '../fakes/gemini-fake.js';
import { cliPath, homeWithGeminiUser } from './support/cli-process.js';

type Balance = { balance: number; held: number; available: number };

/** No hold outlives its call over stdio: a client that quits mid-call, or a killed process, then a restart. */
describe('adengine stdio: holds of interrupted calls', () => {
  let gemini: GeminiFake;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ gemini, env } = await homeWithGeminiUser('ida@example.com'));
  });
  afterAll(async () => {
    await gemini?.close();
  });

  async function connect(
    extra: Record<string, string> = {},
  ): Promise<{ client: Client; transport: StdioClientTransport }> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cliPath, 'stdio', '--user', 'ida@example.com'],
      env: { ...env, ...extra },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'e2e-stdio-cancel', version: '1.0.0' });
    await client.connect(transport);
    return { client, transport };
  }

  async function balance(client: Client): Promise<Balance> {
    return (await client.callTool({ name: 'get_credit_balance', arguments: {} }))
      .structuredContent as Balance;
  }

  async function startSlowCall(client: Client) {
    gemini.injectFaults({ kind: 'slow', delayMs: 30_000 });
    const pending = client.callTool({ name: 'generate_image', arguments: { prompt: 'a slow lighthouse' } });
    pending.catch(() => undefined);
    await expect.poll(async () => (await balance(client)).held, { timeout: 15_000 }).toBeGreaterThan(0);
  }

  it('a client that closes stdin mid-call: the hold is released before the process exits', async () => {
    const first = await connect();
    await startSlowCall(first.client);
    await first.client.close();
    const started = Date.now();
    const second = await connect();
    // Holds live 15 minutes here: only the closing process itself can have released this one.
    expect(await balance(second.client)).toMatchObject({ balance: 300, held: 0, available: 300 });
    expect(Date.now() - started).toBeLessThan(10_000);
    await second.client.close();
  });

  it('a killed process: the next start of any process releases its expired hold at once', async () => {
    // Short, so the killed process's hold is past its lifetime when the next one starts.
    const shortHolds = { CREDITS_HOLD_TTL_SECONDS: '3' };
    const first = await connect(shortHolds);
    await startSlowCall(first.client);
    process.kill(first.transport.pid as number, 'SIGKILL');
    await first.client.close().catch(() => undefined);
    // Past the hold's 3 s lifetime; the next process sweeps when it starts, not a minute later.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const second = await connect(shortHolds);
    await expect
      .poll(async () => (await balance(second.client)).held, { timeout: 5000, interval: 200 })
      .toBe(0);
    expect((await balance(second.client)).balance).toBe(300);
    await second.client.close();
  });
});
