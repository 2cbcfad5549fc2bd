import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeminiFake } from '../fakes/gemini-fake.js';
import { cliPath, homeWithGeminiUser, runCli } from './support/cli-process.js';

describe('adengine stdio', () => {
  let gemini: GeminiFake;
  let env: Record<string, string>;
  let stderr = '';

  beforeAll(async () => {
    ({ gemini, env } = await homeWithGeminiUser('ada@example.com'));
  });
  afterAll(async () => {
    await gemini?.close();
  });

  async function connect(args: string[]): Promise<Client> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cliPath, 'stdio', ...args],
      env,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: 'e2e-stdio', version: '1.0.0' });
    await client.connect(transport);
    return client;
  }

  it('speaks only JSON-RPC on stdout, acts as --user, and charges that user', async () => {
    const client = await connect(['--user', 'ada@example.com']);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(16);
    const balance = await client.callTool({ name: 'get_credit_balance', arguments: {} });
    expect(balance.structuredContent).toMatchObject({ balance: 300 });
    const image = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a lighthouse at dawn' },
    });
    expect(image.isError, JSON.stringify(image.content)).toBeFalsy();
    const charged = (image.structuredContent as { creditsCharged: number }).creditsCharged;
    expect(charged).toBeGreaterThan(0);
    const after = await client.callTool({ name: 'get_credit_balance', arguments: {} });
    expect(after.structuredContent).toMatchObject({ balance: 300 - charged });
    const assets = await client.callTool({ name: 'list_assets', arguments: { kind: 'image' } });
    expect((assets.structuredContent as { assets: unknown[] }).assets).toHaveLength(1);
    const resources = await client.listResources();
    expect(resources.resources).toHaveLength(1);
    await client.close();
  });

  it('an unknown --user ends the process with one clear line and a non-zero exit', async () => {
    const result = await runCli(['stdio', '--user', 'nobody@example.com'], env, { keepStdinOpen: true });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/NOT_FOUND: no user with email nobody@example.com/);
    expect(result.stdout).toBe('');
  });
});
