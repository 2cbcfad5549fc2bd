import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createHttpApp } from '../../src/server/http-app.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { testHttpApp } from '../support/http-config.js';

/**
 * `/mcp` reads a JSON POST body once and hands it to whichever era serves it: bodies that do
 * not parse, and bodies over the transports' 4 MiB bound, are refused before either leg runs.
 */
describe('MCP over HTTP: request bodies', () => {
  let h: CoreHarness;
  let http: ReturnType<typeof createHttpApp>;
  let key: string;

  beforeAll(async () => {
    h = await createCoreHarness({ credits: 10 });
    ({ key } = await h.core.issueApiKey(h.userId, 'bodies'));
    http = testHttpApp(h.core);
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await h?.close();
  });

  function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
    return Promise.resolve(
      http.app.request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: {
          host: '127.0.0.1',
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
        body,
      }),
    );
  }

  const envelope = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': {},
    'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  };

  it('a 2026 request is served from the body read once', async () => {
    const response = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list', params: { _meta: envelope } }),
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { id: number; result: { tools: Array<{ name: string }> } };
    expect(answer.id).toBe(7);
    expect(answer.result.tools.map((tool) => tool.name)).toContain('get_credit_balance');
  });

  it('a 2025 initialize is served from the body read once and opens a session', async () => {
    const response = await post(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          clientInfo: { name: 'raw', version: '1' },
        },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toBeTruthy();
    expect(await response.text()).toContain('"protocolVersion":"2025-11-25"');
  });

  it('a tasks/* request whose Mcp-Name is not its taskId is -32020 HeaderMismatch (SEP-2663)', async () => {
    const meta = {
      ...envelope,
      'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
    };
    const response = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tasks/get', params: { taskId: 'a', _meta: meta } }),
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tasks/get', 'mcp-name': 'b' },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: -32020 }, id: 9 });
    // Matching, the request goes on to the handler: an unknown task is -32602.
    const matched = await post(
      JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'tasks/get', params: { taskId: 'a', _meta: meta } }),
      { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tasks/get', 'mcp-name': 'a' },
    );
    expect(await matched.json()).toMatchObject({ error: { code: -32602 }, id: 10 });
  });

  it('a body that is not JSON is the JSON-RPC parse error', async () => {
    const response = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: -32700 }, id: null });
  });

  it('a body over 4 MiB is refused with 413 before it is parsed', async () => {
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'get_credit_balance', arguments: { padding: 'x'.repeat(4 * 1024 * 1024) } },
    });
    const response = await post(huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('4 MiB') } });
  });

  /** Over a real socket: with Content-Length, or chunked (no length), as the body is sent. */
  async function overSocket(
    body: string,
    framing: 'length' | 'chunked',
  ): Promise<{ status: number; text: string }> {
    const server = serve({ fetch: http.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      return await new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/mcp',
            method: 'POST',
            headers: {
              authorization: `Bearer ${key}`,
              'content-type': 'application/json',
              accept: 'application/json, text/event-stream',
              'mcp-protocol-version': '2026-07-28',
              'mcp-method': 'tools/list',
              ...(framing === 'length' ? { 'content-length': Buffer.byteLength(body) } : {}),
            },
          },
          (answer) => {
            let text = '';
            answer.setEncoding('utf8');
            answer.on('data', (chunk: string) => (text += chunk));
            answer.on('end', () => resolve({ status: answer.statusCode ?? 0, text }));
          },
        );
        // Writes still queued when the server has answered and closed fail on the socket itself.
        outgoing.on('socket', (socket) => socket.on('error', () => undefined));
        outgoing.on('error', (error: NodeJS.ErrnoException) => {
          // The server may answer 413 and close before a large body is all sent.
          if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
        });
        // Chunked: several writes, so the server cannot know the size before it reads.
        for (let at = 0; at < body.length; at += 256 * 1024) outgoing.write(body.slice(at, at + 256 * 1024));
        outgoing.end();
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  const listTools = JSON.stringify({
    jsonrpc: '2.0',
    id: 9,
    method: 'tools/list',
    params: { _meta: envelope },
  });
  const oversized = JSON.stringify({
    jsonrpc: '2.0',
    id: 9,
    method: 'tools/list',
    params: { _meta: envelope, padding: 'x'.repeat(4 * 1024 * 1024) },
  });

  it.each(['length', 'chunked'] as const)(
    'over a socket (%s), a body within 4 MiB is served',
    async (framing) => {
      const { status, text } = await overSocket(listTools, framing);
      expect(status).toBe(200);
      expect((JSON.parse(text) as { id: number }).id).toBe(9);
    },
  );

  it.each(['length', 'chunked'] as const)(
    'over a socket (%s), a body over 4 MiB is refused with 413',
    async (framing) => {
      const { status, text } = await overSocket(oversized, framing);
      expect(status).toBe(413);
      expect(JSON.parse(text)).toMatchObject({ error: { message: expect.stringContaining('4 MiB') } });
    },
  );
});
