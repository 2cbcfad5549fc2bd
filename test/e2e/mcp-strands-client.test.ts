import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { McpClient } from '@strands-agents/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, cliPath, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

/**
 * Strands' `McpClient` (built on the 1.x SDK, so it speaks 2025-11-25) lists and calls the
 * product's tools over Streamable HTTP with a bearer key and over stdio: the client an agent
 * built on Strands would use, beside the v2 clients of mcp-2026.test.ts.
 */
async function listAndCall(transport: Transport): Promise<void> {
  const client = new McpClient({
    transport,
    applicationName: 'e2e-strands',
    disableMcpInstrumentation: true,
  });
  try {
    const tools = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain('get_credit_balance');
    expect(names).toContain('create_ad_creative');
    const balanceTool = tools.find((tool) => tool.name === 'get_credit_balance');
    if (balanceTool === undefined) throw new Error('get_credit_balance not listed');
    const answer = (await client.callTool(balanceTool, {})) as {
      isError?: boolean;
      structuredContent?: { balance?: unknown };
    };
    expect(answer.isError ?? false, JSON.stringify(answer)).toBe(false);
    expect(typeof answer.structuredContent?.balance).toBe('number');

    const jobTool = tools.find((tool) => tool.name === 'get_job');
    if (jobTool === undefined) throw new Error('get_job not listed');
    const refused = (await client.callTool(jobTool, {})) as {
      isError?: boolean;
      content?: Array<{ text?: string }>;
    };
    expect(refused.isError).toBe(true);
    expect(refused.content?.[0]?.text).toMatch(/^INVALID_INPUT: /);
  } finally {
    await client.disconnect();
  }
}

describe("Strands' McpClient against adengine", () => {
  let server: ServeProcess;
  let home: string;

  beforeAll(async () => {
    home = await tempHome();
    server = await startServe(baseEnv({ ADENGINE_HOME: home }));
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('over Streamable HTTP with a bearer key', async () => {
    await listAndCall(
      new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${server.firstKey}` } },
      }),
    );
  });

  it('over HTTP without a key, refused before any tool is listed', async () => {
    const client = new McpClient({
      transport: new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`)),
      applicationName: 'e2e-strands',
      disableMcpInstrumentation: true,
    });
    await expect(client.listTools()).rejects.toThrow(/401|unauthori[sz]ed|api key/i);
    await client.disconnect().catch(() => undefined);
  });

  it('over stdio (the same home, a second process beside serve)', async () => {
    await listAndCall(
      new StdioClientTransport({
        command: process.execPath,
        args: [cliPath, 'stdio'],
        env: baseEnv({ ADENGINE_HOME: home }),
        stderr: 'pipe',
      }),
    );
  }, 60_000);
});
