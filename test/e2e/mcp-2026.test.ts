import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyHttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, cliPath, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

/** Both MCP revisions on one endpoint: v2 clients (pinned and negotiating) beside a 1.x client. */

type Mode = { pin: string } | 'auto';

function httpClient(
  baseUrl: string,
  key: string,
  mode: Mode,
): { client: Client; connect: () => Promise<void> } {
  const client = new Client({ name: 'e2e-v2', version: '1.0.0' }, { versionNegotiation: { mode } });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  return { client, connect: () => client.connect(transport) };
}

async function listAndCall(client: Client): Promise<void> {
  const listed = await client.listTools();
  const names = listed.tools.map((tool) => tool.name);
  expect(names).toContain('get_credit_balance');
  expect(names).toContain('generate_video');
  const again = await client.listTools();
  expect(again.tools.map((tool) => tool.name)).toEqual(names);
  const balance = await client.callTool({ name: 'get_credit_balance', arguments: {} });
  expect(balance.isError, JSON.stringify(balance)).toBeFalsy();
  expect(typeof (balance.structuredContent as { balance: number }).balance).toBe('number');
  const refused = await client.callTool({ name: 'get_job', arguments: {} });
  expect(refused.isError).toBe(true);
  expect((refused.content as Array<{ text?: string }>)[0]?.text).toMatch(/^INVALID_INPUT: /);
}

describe('MCP 2026-07-28 beside 2025-11-25 over Streamable HTTP', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    server = await startServe(baseEnv({ ADENGINE_HOME: await tempHome() }));
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('a v2 client pinned to 2026-07-28 lists and calls tools without a session', async () => {
    const { client, connect } = httpClient(server.baseUrl, server.firstKey, { pin: '2026-07-28' });
    await connect();
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    await listAndCall(client);
    await client.close();
  });

  it('a v2 client negotiating automatically lands on 2026-07-28', async () => {
    const { client, connect } = httpClient(server.baseUrl, server.firstKey, 'auto');
    await connect();
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    await listAndCall(client);
    await client.close();
  });

  it('a 1.x client still gets a 2025-11-25 session on the same endpoint', async () => {
    const client = new LegacyClient({ name: 'e2e-1x', version: '1.0.0' });
    const transport = new LegacyHttpTransport(new URL(`${server.baseUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${server.firstKey}` } },
    });
    await client.connect(transport);
    expect(transport.sessionId).toBeDefined();
    const balance = await client.callTool({ name: 'get_credit_balance', arguments: {} });
    expect(balance.isError).toBeFalsy();
    await client.close();
  });

  it('a raw 2026 request: server/discover, then tools/list with caching hints, no session id', async () => {
    const meta = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': {},
      'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
    };
    const post = (id: number, method: string) =>
      fetch(`${server.baseUrl}/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.firstKey}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2026-07-28',
          'mcp-method': method,
        },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { _meta: meta } }),
      });
    const discover = await post(1, 'server/discover');
    expect(discover.status).toBe(200);
    expect(discover.headers.get('mcp-session-id')).toBeNull();
    const discovered = (await discover.json()) as { id: number; result: { supportedVersions: string[] } };
    expect(discovered.id).toBe(1);
    expect(discovered.result.supportedVersions).toContain('2026-07-28');
    const listed = (await (await post(2, 'tools/list')).json()) as {
      result: { tools: unknown[]; ttlMs: number; cacheScope: string; resultType: string };
    };
    expect(listed.result.tools.length).toBeGreaterThan(5);
    expect(listed.result.ttlMs).toBe(300_000);
    expect(listed.result.cacheScope).toBe('public');
    expect(listed.result.resultType).toBe('complete');
    const unauthenticated = await fetch(`${server.baseUrl}/mcp`, { method: 'POST', body: '{}' });
    expect(unauthenticated.status).toBe(401);
  });
});

describe('MCP 2026-07-28 over stdio', () => {
  let home: string;
  beforeAll(async () => {
    home = await tempHome();
  });

  for (const mode of [{ pin: '2026-07-28' }, 'auto'] as const) {
    it(`a v2 client (${typeof mode === 'string' ? mode : 'pinned'}) lists and calls tools`, async () => {
      const client = new Client({ name: 'e2e-v2-stdio', version: '1.0.0' }, { versionNegotiation: { mode } });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [cliPath, 'stdio'],
          env: baseEnv({ ADENGINE_HOME: home }),
          stderr: 'pipe',
        }),
      );
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      await listAndCall(client);
      await client.close();
    }, 60_000);
  }
});
