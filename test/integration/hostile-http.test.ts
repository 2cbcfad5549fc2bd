import { randomUUID } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { createHttpApp, HttpAppOptions } from '../../src/server/http-app.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { loadConfigForTest, testHttpApp } from '../support/http-config.js';

/**
 * Hostile HTTP clients (issue 11): each case was reproduced against the server before the fix.
 * The app runs in process; requests carry an allowed Host header as a real client's would.
 */
const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'hostile', version: '1' } },
});
const mcpHeaders = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

describe('hostile HTTP clients', () => {
  let h: CoreHarness;
  let key: string;
  let keyId: string;
  const opened: Array<ReturnType<typeof createHttpApp>> = [];

  function appWith(overrides: Partial<HttpAppOptions> = {}) {
    const http = testHttpApp(h.core, overrides);
    opened.push(http);
    return http;
  }

  function send(
    http: ReturnType<typeof createHttpApp>,
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string; bearer?: string } = {},
  ) {
    return http.app.request(`http://127.0.0.1${path}`, {
      method: init.method ?? 'GET',
      headers: { host: '127.0.0.1', authorization: `Bearer ${init.bearer ?? key}`, ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  }

  const openSession = (http: ReturnType<typeof createHttpApp>, headers: Record<string, string> = {}) =>
    send(http, '/mcp', { method: 'POST', headers: { ...mcpHeaders, ...headers }, body: initialize });

  function limits(change: (limits: { mcp: Config['mcp']; rateLimits: Config['rateLimits'] }) => void) {
    const config = loadConfigForTest();
    const copy = { mcp: { ...config.mcp }, rateLimits: { ...config.rateLimits } };
    change(copy);
    return copy;
  }

  beforeAll(async () => {
    h = await createCoreHarness();
    ({ key, id: keyId } = await h.core.issueApiKey(h.userId, 'hostile'));
  }, 120_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((http) => http.close()));
  });
  afterAll(() => h?.close());

  it('refuses an initialize whose Origin is another site, with a valid Host (403 FORBIDDEN)', async () => {
    const http = appWith();
    const evil = await openSession(http, { origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await openSession(http, { origin: 'null' })).status).toBe(403);
    expect(http.sessions()).toBe(0);
    const sameSite = await openSession(http, { origin: 'http://127.0.0.1:8787' });
    expect(sameSite.status).toBe(200);
  });

  it('answers 404 NOT_FOUND, never 500, for a job id with a NUL byte or that is no UUID', async () => {
    const http = appWith();
    for (const id of ['%00', 'abc%00def', '------------------------------------', `${randomUUID()}%00`]) {
      const read = await send(http, `/api/v1/jobs/${id}`);
      expect(read.status).toBe(404);
      expect(await read.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect((await send(http, `/api/v1/jobs/${id}`, { method: 'DELETE' })).status).toBe(404);
    }
  });

  it('caps the open MCP sessions of one user (default 20): the next gets 429 RATE_LIMITED with Retry-After', async () => {
    const http = appWith();
    const ids: string[] = [];
    for (let index = 0; index < 20; index++) {
      const response = await openSession(http);
      expect(response.status).toBe(200);
      ids.push(response.headers.get('mcp-session-id') as string);
    }
    const refused = await openSession(http);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(http.sessions()).toBe(20);
    // Closing one frees its slot.
    const closed = await send(http, '/mcp', {
      method: 'DELETE',
      headers: { 'mcp-session-id': ids[0] as string },
    });
    expect(closed.status).toBe(200);
    expect((await openSession(http)).status).toBe(200);
  });

  it('expires an idle session after MCP_SESSION_IDLE_MINUTES', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const http = appWith({ now: () => now, limits: limits((l) => (l.mcp.sessionIdleMinutes = 2)) });
    const sessionId = (await openSession(http)).headers.get('mcp-session-id') as string;
    const ping = () =>
      send(http, '/mcp', {
        method: 'POST',
        headers: { ...mcpHeaders, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-06-18' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
      });
    now += 60_000;
    expect((await ping()).status).toBe(200);
    now += 2 * 60_000 + 1;
    expect((await ping()).status).toBe(404);
    expect(http.sessions()).toBe(0);
  });

  it('limits requests per user on every route (429 with Retry-After)', async () => {
    const http = appWith({ limits: limits((l) => (l.rateLimits.requestsPerMinute = 5)) });
    for (let index = 0; index < 5; index++) expect((await send(http, '/api/v1/me/credits')).status).toBe(200);
    const refused = await send(http, '/api/v1/models');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('limits free tool calls too: of 500 get_credit_balance calls in a burst, 300 are served', async () => {
    // The clock stands still, so no token comes back during the burst.
    const http = appWith({ now: () => Date.parse('2026-12-01T10:00:00Z') });
    const client = new Client({ name: 'burst', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('http://127.0.0.1/mcp'), {
        fetch: async (url, init) => {
          const headers = new Headers(init?.headers);
          headers.set('host', '127.0.0.1');
          return http.app.request(String(url), { ...init, headers });
        },
        requestInit: { headers: { authorization: `Bearer ${key}` } },
      }),
    );
    const texts: string[] = [];
    for (let index = 0; index < 500; index++) {
      try {
        const result = (await client.callTool({ name: 'get_credit_balance', arguments: {} })) as {
          isError?: boolean;
          content: Array<{ text?: string }>;
        };
        texts.push(result.isError ? (result.content[0]?.text ?? '') : 'ok');
      } catch (error) {
        texts.push(String(error));
      }
    }
    expect(texts.filter((text) => text === 'ok').length).toBe(300);
    expect(texts.at(-1)).toMatch(/RATE_LIMITED: .*retry after \d+ s/);
    await client.close();
  }, 60_000);

  it('a revoked key stops at once: its next request is 401 and its open session closes', async () => {
    const { key: doomed, id } = await h.core.issueApiKey(h.userId, 'doomed');
    const http = appWith({ keyCheckMs: 50 });
    const sessionId = (await openSession(http, { authorization: `Bearer ${doomed}` })).headers.get(
      'mcp-session-id',
    ) as string;
    const stream = await send(http, '/mcp', {
      bearer: doomed,
      headers: {
        accept: 'text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-06-18',
      },
    });
    expect(stream.status).toBe(200);
    const ended = (async () => {
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      while (!(await reader.read()).done) {
        /* drain until the server ends the stream */
      }
      return 'ended';
    })();
    await h.core.revokeApiKey(id);
    const outcome = await Promise.race([
      ended,
      new Promise((resolve) => setTimeout(() => resolve('still open'), 3000)),
    ]);
    expect(outcome).toBe('ended');
    expect(http.sessions()).toBe(0);
    const after = await send(http, '/api/v1/me/credits', { bearer: doomed });
    expect(after.status).toBe(401);
    // The user's other key is untouched.
    expect((await send(http, '/api/v1/me/credits')).status).toBe(200);
    const keys = await h.core.listApiKeys(
      (await h.core.listUsers()).find((u) => u.id === h.userId)?.email as string,
    );
    expect(keys.find((k) => k.id === id)?.revokedAt).toBeInstanceOf(Date);
    expect(keys.find((k) => k.id === keyId)?.revokedAt).toBeNull();
  });
});
