import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createHttpApp } from '../../src/server/http-app.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { testHttpApp } from '../support/http-config.js';

/** A 2026-07-28 client against the HTTP app in process: progress on the request, cancellation, errors. */
describe('MCP 2026-07-28 requests', () => {
  let h: CoreHarness;
  let http: ReturnType<typeof createHttpApp>;
  let client: Client;

  beforeAll(async () => {
    h = await createCoreHarness({ credits: 1000 });
    const { key } = await h.core.issueApiKey(h.userId, 'modern');
    http = testHttpApp(h.core);
    client = new Client(
      { name: 'modern', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL('http://127.0.0.1/mcp'), {
        requestInit: { headers: { authorization: `Bearer ${key}`, host: '127.0.0.1' } },
        fetch: (url, init) => Promise.resolve(http.app.request(String(url), init)),
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await http?.close();
    await h?.close();
  });

  const available = async () => {
    const result = await client.callTool({ name: 'get_credit_balance', arguments: {} });
    return (result.structuredContent as { available: number }).available;
  };

  it('progress arrives on the request’s own stream; no session is opened', async () => {
    const seen: number[] = [];
    const result = await client.callTool(
      { name: 'generate_image', arguments: { prompt: 'a red bicycle', count: 2, model: 'test-image' } },
      { onprogress: (progress) => seen.push(progress.progress) },
    );
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(2);
    expect(http.sessions()).toBe(0);
  });

  it('cancelling the call aborts the provider call and releases the hold', async () => {
    const before = await available();
    h.imageHooks.delayMs = 30_000;
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'generate_image', arguments: { prompt: 'slow', model: 'test-image' } },
      { signal: controller.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    await expect(call).rejects.toThrow();
    h.imageHooks.delayMs = 0;
    // The hold is released once the server sees the cancellation.
    for (let tries = 0; tries < 50 && (await available()) !== before; tries++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await available()).toBe(before);
  });

  it('an unknown asset is -32602 with NOT_FOUND in the message', async () => {
    await expect(
      client.readResource({ uri: 'asset://00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('NOT_FOUND') });
  });
});
