import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { baseEnv, cliPath, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import { exampleVariants } from './support/sampling-client.js';

/**
 * Client sampling on MCP 2026-07-28: the `client-sampling` chat model asks an SDK v2 client through
 * input-required results (no server-to-client request exists in that era). The client's ordinary
 * `sampling/createMessage` handler answers each round and the SDK retries the call by itself.
 */

const imagePrice = 70; // gemini-3.1-flash-image, per list_models

interface SamplingParams {
  systemPrompt?: string;
  messages: Array<{ content: unknown }>;
}

function toolAnswer(input: unknown) {
  return {
    role: 'assistant' as const,
    model: 'test-client-model',
    content: { type: 'text' as const, text: JSON.stringify({ tool: 'strands_structured_output', input }) },
  };
}

/** The client's own model: ad copy (one Google headline too long, so it is re-asked), an image prompt. */
function clientModel(params: SamplingParams) {
  const system = params.systemPrompt ?? '';
  if (system.includes('"variants"')) {
    return toolAnswer({ variants: exampleVariants });
  }
  if (system.includes('"negativePrompt"'))
    return toolAnswer({ prompt: 'A light bike lock on a city bike, morning sun' });
  return {
    role: 'assistant' as const,
    model: 'test-client-model',
    content: { type: 'text' as const, text: 'ok' },
  };
}

const adArguments = {
  product: 'A 400 g bike lock',
  platforms: ['meta', 'google'],
  variants: 1,
  includeImage: true,
};

type Balance = {
  balance: number;
  held: number;
  available: number;
  recent: Array<{ amount: number; reason: string | null }>;
};

async function balanceOf(client: Client): Promise<Balance> {
  return (await client.callTool({ name: 'get_credit_balance', arguments: {} })).structuredContent as Balance;
}

function modernClient(baseUrl: string, key: string, onSample?: (params: SamplingParams) => Promise<void>) {
  const client = new Client(
    { name: 'e2e-2026-sampling', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { sampling: {} } },
  );
  client.setRequestHandler('sampling/createMessage', async (request) => {
    const params = request.params as SamplingParams;
    await onSample?.(params);
    return clientModel(params);
  });
  const transport = new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  return { client, connect: () => client.connect(transport) };
}

/** A raw 2026-07-28 `tools/call`, to see the input-required result and to send a forged state. */
async function rawCall(
  baseUrl: string,
  key: string,
  params: Record<string, unknown>,
): Promise<{ result?: Record<string, unknown>; error?: { code: number; message: string } }> {
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': { sampling: {} },
    'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  };
  const response = await fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': String(params.name),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { ...params, _meta: meta } }),
  });
  const text = await response.text();
  // JSON, or one SSE event carrying the response.
  const body = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? text);
  return JSON.parse(body) as { result?: Record<string, unknown>; error?: { code: number; message: string } };
}

describe('client sampling on 2026-07-28 through input-required rounds (HTTP)', () => {
  let gemini: GeminiFake;
  let server: ServeProcess;
  let otherKey: string;

  beforeAll(async () => {
    gemini = await GeminiFake.start();
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.baseUrl,
      // A paid model after the client's: each round holds its budget, so holds are visible.
      MODEL_FALLBACK_CHAIN: 'client-sampling,gemini-3.5-flash',
    });
    const created = await runCli(
      ['--json', 'users', 'create', '--email', 'other@example.com', '--credits', '500'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const key = await runCli(['--json', 'keys', 'create', '--user', 'other@example.com'], env);
    otherKey = (JSON.parse(key.stdout) as { key: string }).key;
    server = await startServe(env);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await gemini?.close();
  });

  it('create_ad_creative on client-sampling: rounds answered by the client, nothing held while it thinks, charged the image only', async () => {
    const observer = modernClient(server.baseUrl, server.firstKey);
    await observer.connect();
    const preference = await observer.client.callTool({
      name: 'set_model_preferences',
      arguments: { chatModel: 'client-sampling' },
    });
    expect(preference.isError, JSON.stringify(preference.content)).toBeFalsy();
    const before = await balanceOf(observer.client);
    expect(before.held).toBe(0);

    const asked: SamplingParams[] = [];
    const heldWhileAsked: number[] = [];
    const { client, connect } = modernClient(server.baseUrl, server.firstKey, async (params) => {
      asked.push(params);
      heldWhileAsked.push((await balanceOf(observer.client)).held);
    });
    await connect();
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const imagesBefore = gemini.requests.filter((request) => request.model?.includes('image')).length;

    const result = await client.callTool({ name: 'create_ad_creative', arguments: adArguments });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as {
      variants: Array<{ platform: string; headline: string }>;
      creditsCharged: number;
      model: { id: string };
    };
    expect(structured.model.id).toBe('client-sampling');
    // Copy, the re-ask of the overlong Google headline, the image prompt: one round each.
    expect(asked.length).toBe(3);
    expect(asked.some((params) => JSON.stringify(params.messages).includes('over the limit'))).toBe(true);
    expect(
      structured.variants.find((variant) => variant.platform === 'google')?.headline.length,
    ).toBeLessThanOrEqual(30);
    // Every round released its hold before asking the client.
    expect(heldWhileAsked).toEqual([0, 0, 0]);
    // The client's model is free; the image is drawn once, in the round that completes.
    expect(structured.creditsCharged).toBe(imagePrice);
    expect(gemini.requests.filter((request) => request.model?.includes('image')).length).toBe(
      imagesBefore + 1,
    );
    const after = await balanceOf(observer.client);
    expect(after.balance).toBe(before.balance - imagePrice);
    expect(after.held).toBe(0);
    expect(after.recent[0]).toMatchObject({ amount: -imagePrice, reason: 'create_ad_creative' });
    await client.close();
    await observer.client.close();
  }, 120_000);

  it('a tampered requestState, or one for other arguments or another user, is refused with -32602 and charges nothing', async () => {
    const first = await rawCall(server.baseUrl, server.firstKey, {
      name: 'create_ad_creative',
      arguments: adArguments,
    });
    expect(first.error).toBeUndefined();
    const round = first.result as {
      resultType: string;
      inputRequests: Record<string, { method: string; params: SamplingParams }>;
      requestState: string;
    };
    expect(round.resultType).toBe('input_required');
    expect(Object.keys(round.inputRequests)).toEqual(['sampling-0']);
    expect(round.inputRequests['sampling-0']?.method).toBe('sampling/createMessage');
    const answer = clientModel(round.inputRequests['sampling-0']?.params as SamplingParams);
    const observer = modernClient(server.baseUrl, server.firstKey);
    await observer.connect();
    const before = await balanceOf(observer.client);

    const [body, mac] = round.requestState.split('.').slice(1) as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { p: { answers: object } };
    payload.p.answers = { 'sampling-0': answer, 'sampling-1': answer };
    const forged = `v1.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    const tampered = await rawCall(server.baseUrl, server.firstKey, {
      name: 'create_ad_creative',
      arguments: adArguments,
      inputResponses: { 'sampling-0': answer },
      requestState: forged,
    });
    expect(tampered.error?.code).toBe(-32602);
    expect(tampered.error?.message).toMatch(/requestState: not issued by this server, or altered/);

    const otherArguments = await rawCall(server.baseUrl, server.firstKey, {
      name: 'create_ad_creative',
      arguments: { ...adArguments, variants: 2 },
      inputResponses: { 'sampling-0': answer },
      requestState: round.requestState,
    });
    expect(otherArguments.error?.code).toBe(-32602);
    expect(otherArguments.error?.message).toMatch(/requestState: issued for another user, tool or arguments/);

    const otherUser = await rawCall(server.baseUrl, otherKey, {
      name: 'create_ad_creative',
      arguments: adArguments,
      inputResponses: { 'sampling-0': answer },
      requestState: round.requestState,
    });
    expect(otherUser.error?.code).toBe(-32602);
    expect(otherUser.error?.message).toMatch(/requestState: issued for another user, tool or arguments/);

    // The genuine state still works: the next round asks for the re-ask of the overlong headline.
    const next = await rawCall(server.baseUrl, server.firstKey, {
      name: 'create_ad_creative',
      arguments: adArguments,
      inputResponses: { 'sampling-0': answer },
      requestState: round.requestState,
    });
    expect((next.result as { resultType: string; inputRequests: object }).resultType).toBe('input_required');
    expect(Object.keys((next.result as { inputRequests: object }).inputRequests)).toEqual(['sampling-1']);

    // Abandoned half-way: nothing charged, nothing held.
    const after = await balanceOf(observer.client);
    expect(after.balance).toBe(before.balance);
    expect(after.held).toBe(0);
    await observer.client.close();
  }, 120_000);
});

describe('client sampling on 2026-07-28 over stdio', () => {
  it('a v2 client pinned to 2026-07-28 gets ad copy from its own model, free', async () => {
    const asked: SamplingParams[] = [];
    const client = new Client(
      { name: 'e2e-2026-stdio-sampling', version: '1.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { sampling: {} } },
    );
    client.setRequestHandler('sampling/createMessage', async (request) => {
      asked.push(request.params as SamplingParams);
      return clientModel(request.params as SamplingParams);
    });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [cliPath, 'stdio'],
        env: baseEnv({ ADENGINE_HOME: await tempHome() }),
        stderr: 'pipe',
      }),
    );
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const before = await balanceOf(client);
    const result = await client.callTool({
      name: 'create_ad_creative',
      arguments: { product: 'A 400 g bike lock', platforms: ['meta'], variants: 1 },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as { creditsCharged: number; model: { id: string } };
    expect(structured.model.id).toBe('client-sampling');
    expect(structured.creditsCharged).toBe(0);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    const after = await balanceOf(client);
    expect(after.balance).toBe(before.balance);
    expect(after.held).toBe(0);
    await client.close();
  }, 90_000);
});
