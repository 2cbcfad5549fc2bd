import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

/** Host checks need a raw request: fetch() drops a custom Host header. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'GET',
        headers: { host },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('adengine serve', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    server = await startServe(baseEnv({ ADENGINE_HOME: await tempHome() }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /health and /ready without a key', async () => {
    const health = await fetch(`${server.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${server.baseUrl}/ready`);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('prints one API key on first start, which works for REST and MCP', async () => {
    expect(server.firstKey).toMatch(/^ae_/);
    const credits = await fetch(`${server.baseUrl}/api/v1/me/credits`, {
      headers: { authorization: `Bearer ${server.firstKey}` },
    });
    expect(credits.status).toBe(200);
    expect(await credits.json()).toMatchObject({ balance: 1000, available: 1000 });

    const client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.baseUrl}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${server.firstKey}` } },
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        'analyze_market',
        'cancel_job',
        'check_ad_copy',
        'create_ad_creative',
        'create_placement_pack',
        'estimate_cost',
        'generate_image',
        'generate_video',
        'get_brand_kit',
        'get_credit_balance',
        'get_job',
        'get_model_preferences',
        'list_assets',
        'list_models',
        'set_brand_kit',
        'set_model_preferences',
      ].sort(),
    );
    const balance = await client.callTool({ name: 'get_credit_balance', arguments: {} });
    expect(balance.structuredContent).toMatchObject({ balance: 1000 });
    await client.close();
  });

  it('refuses MCP and REST without a key or with a wrong one (401)', async () => {
    const initialize = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    expect((await fetch(`${server.baseUrl}/mcp`, { method: 'POST', headers, body: initialize })).status).toBe(
      401,
    );
    const wrong = await fetch(`${server.baseUrl}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: 'Bearer ae_wrong' },
      body: initialize,
    });
    expect(wrong.status).toBe(401);
    const rest = await fetch(`${server.baseUrl}/api/v1/me/credits`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(rest.status).toBe(401);
    expect(await rest.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses a forbidden Host header', async () => {
    expect(await getWithHost(`${server.baseUrl}/api/v1/models`, 'evil.example.com')).toBe(403);
    expect(await getWithHost(`${server.baseUrl}/mcp`, 'evil.example.com')).toBe(403);
  });
});

describe('adengine serve with ADENGINE_AUTH=none (development)', () => {
  let server: ServeProcess;
  beforeAll(async () => {
    server = await startServe(baseEnv({ ADENGINE_HOME: await tempHome(), ADENGINE_AUTH: 'none' }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('treats a request without a key as the local user, but still refuses a wrong key', async () => {
    const open = await fetch(`${server.baseUrl}/api/v1/me/credits`);
    expect(open.status).toBe(200);
    expect(await open.json()).toMatchObject({ balance: 1000 });
    const wrong = await fetch(`${server.baseUrl}/api/v1/me/credits`, {
      headers: { authorization: 'Bearer ae_wrong' },
    });
    expect(wrong.status).toBe(401);
  });
});
