import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  type CreateMessageRequest,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageInfo } from '../../src/providers/image-dimensions.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { baseEnv, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import {
  connectHttpClient,
  exampleMarket,
  exampleVariants,
  longGoogleHeadline,
  samplingHandler,
} from './support/sampling-client.js';

const imagePrice = 70; // gemini-3.1-flash-image, per list_models

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

function errorText(result: ToolResult): string {
  expect(result.isError).toBe(true);
  return (result.content as Array<{ type: string; text?: string }>)[0]?.text ?? '';
}

async function balanceOf(client: Client): Promise<number> {
  const result = await client.callTool({ name: 'get_credit_balance', arguments: {} });
  return (result.structuredContent as { balance: number }).balance;
}

describe('MCP tools over Streamable HTTP, providers behind stand-ins', () => {
  let gemini: GeminiFake;
  let server: ServeProcess;
  let client: Client;
  let otherKey: string;
  const asked: CreateMessageRequest['params'][] = [];
  const logs: Array<{ level: string; logger?: string; data: unknown }> = [];

  beforeAll(async () => {
    gemini = await GeminiFake.start();
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.baseUrl,
      DEFAULT_CHAT_MODEL: 'client-sampling',
      PROVIDER_MAX_ATTEMPTS: '2',
      MODEL_FALLBACK_CHAIN: 'gemini-3.5-flash,client-sampling',
    });
    const created = await runCli(
      ['--json', 'users', 'create', '--email', 'other@example.com', '--credits', '500'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const key = await runCli(['--json', 'keys', 'create', '--user', 'other@example.com'], env);
    otherKey = (JSON.parse(key.stdout) as { key: string }).key;
    server = await startServe(env);
    client = await connectHttpClient(
      server.baseUrl,
      server.firstKey,
      samplingHandler(
        {
          adCopy: [exampleVariants],
          market: exampleMarket,
          imagePrompt: { prompt: 'A light bike lock on a city bike, morning sun' },
        },
        asked,
      ),
    );
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push(notification.params);
    });
  });

  afterAll(async () => {
    await client?.close();
    await server?.stop();
    await gemini?.close();
  });

  it('lists every tool with a title, annotations and an output schema', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(16);
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.annotations?.readOnlyHint, tool.name).toBeTypeOf('boolean');
    }
  });

  it('list_models shows the image price that generate_image charges', async () => {
    const listed = await client.callTool({ name: 'list_models', arguments: { kind: 'image' } });
    const models = (
      listed.structuredContent as {
        models: Array<{ id: string; configured: boolean; price: { credits: { perImage?: number } } }>;
      }
    ).models;
    const model = models.find((entry) => entry.id === 'gemini-3.1-flash-image');
    expect(model?.configured).toBe(true);
    expect(model?.price.credits.perImage).toBe(imagePrice);
  });

  it('generate_image stores decodable images, charges the listed price, links them as assets', async () => {
    const before = await balanceOf(client);
    const result = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'a red bicycle lock', aspectRatio: '16:9', count: 2 },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as {
      assets: Array<{
        assetId: string;
        uri: string;
        url: string;
        width: number;
        height: number;
        mimeType: string;
      }>;
      creditsCharged: number;
      model: { id: string; provider: string };
    };
    expect(structured.assets).toHaveLength(2);
    expect(structured.creditsCharged).toBe(2 * imagePrice);
    expect(structured.model).toEqual({ provider: 'gemini', id: 'gemini-3.1-flash-image' });
    expect(await balanceOf(client)).toBe(before - 2 * imagePrice);
    const links = (result.content as Array<{ type: string; uri?: string }>).filter(
      (item) => item.type === 'resource_link',
    );
    expect(links.map((link) => link.uri)).toEqual(structured.assets.map((asset) => asset.uri));

    const first = structured.assets[0]!;
    const read = await client.readResource({ uri: first.uri });
    const content = read.contents[0] as { blob?: string; mimeType?: string };
    const info = readImageInfo(Buffer.from(content.blob ?? '', 'base64'));
    expect(info).toMatchObject({ mimeType: first.mimeType, width: first.width, height: first.height });
    expect(Math.abs(first.width / first.height - 16 / 9)).toBeLessThan(0.05);
    const download = await fetch(first.url);
    expect(download.status).toBe(200);
    expect(readImageInfo(new Uint8Array(await download.arrayBuffer()))).toMatchObject({ width: first.width });

    const other = await connectHttpClient(server.baseUrl, otherKey);
    await expect(other.readResource({ uri: first.uri })).rejects.toThrow(/NOT_FOUND/);
    const othersAssets = await other.callTool({ name: 'list_assets', arguments: {} });
    expect((othersAssets.structuredContent as { assets: unknown[] }).assets).toHaveLength(0);
    await other.close();
  });

  it('bad input gets INVALID_INPUT naming the field and charges nothing', async () => {
    const before = await balanceOf(client);
    const tooMany = await client.callTool({ name: 'generate_image', arguments: { prompt: 'x', count: 9 } });
    expect(errorText(tooMany)).toMatch(/^INVALID_INPUT: .*count/);
    const noPrompt = await client.callTool({ name: 'generate_image', arguments: {} });
    expect(errorText(noPrompt)).toMatch(/^INVALID_INPUT: .*prompt/);
    const platform = await client.callTool({
      name: 'create_ad_creative',
      arguments: { product: 'x', platforms: ['myspace'] },
    });
    expect(errorText(platform)).toMatch(/^INVALID_INPUT: .*platforms\.0/);
    const model = await client.callTool({
      name: 'generate_image',
      arguments: { prompt: 'x', model: 'no-such-model' },
    });
    expect(errorText(model)).toMatch(/^INVALID_INPUT: .*no-such-model/);
    expect(await balanceOf(client)).toBe(before);
  });

  it('a provider failure gets a typed error and charges nothing', async () => {
    const before = await balanceOf(client);
    gemini.injectFaults(
      { kind: 'server-error', status: 500 },
      { kind: 'server-error', status: 500 },
      { kind: 'server-error', status: 500 },
    );
    const failed = await client.callTool({ name: 'generate_image', arguments: { prompt: 'a lock' } });
    expect(errorText(failed)).toMatch(/^PROVIDER_ERROR: /);
    gemini.injectFaults({ kind: 'blocked', reason: 'SAFETY' });
    const blocked = await client.callTool({ name: 'generate_image', arguments: { prompt: 'a lock' } });
    expect(errorText(blocked)).toMatch(/^PROVIDER_ERROR: /);
    expect(await balanceOf(client)).toBe(before);
    const { available } = (await client.callTool({ name: 'get_credit_balance', arguments: {} }))
      .structuredContent as { available: number };
    expect(available).toBe(before);
  });

  it('the same idempotencyKey twice charges once and replays the first result, marked as such', async () => {
    const before = await balanceOf(client);
    const args = { prompt: 'a blue lock', idempotencyKey: 'e2e-key-1' };
    const first = await client.callTool({ name: 'generate_image', arguments: args });
    const second = await client.callTool({ name: 'generate_image', arguments: args });
    type Answer = { assets: Array<{ assetId: string }>; creditsCharged: number; replayed?: boolean };
    const firstAnswer = first.structuredContent as Answer;
    const secondAnswer = second.structuredContent as Answer;
    expect(secondAnswer.assets.map((asset) => asset.assetId)).toEqual(
      firstAnswer.assets.map((asset) => asset.assetId),
    );
    expect(firstAnswer.creditsCharged).toBe(imagePrice);
    expect(secondAnswer).toMatchObject({ creditsCharged: 0, replayed: true });
    expect(await balanceOf(client)).toBe(before - imagePrice);
    const reused = await client.callTool({
      name: 'generate_image',
      arguments: { ...args, prompt: 'another' },
    });
    expect(errorText(reused)).toMatch(/^INVALID_INPUT: idempotencyKey/);
  });

  it('a cancelled call charges nothing', async () => {
    const before = await balanceOf(client);
    gemini.injectFaults({ kind: 'slow', delayMs: 3000 });
    const controller = new AbortController();
    const call = client.callTool({ name: 'generate_image', arguments: { prompt: 'slow lock' } }, undefined, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort('user cancelled'), 500);
    await expect(call).rejects.toThrow();
    // Let the server see the cancellation and release the hold.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const balance = (await client.callTool({ name: 'get_credit_balance', arguments: {} }))
      .structuredContent as {
      balance: number;
      available: number;
    };
    expect(balance).toMatchObject({ balance: before, available: before });
  });

  it('create_ad_creative through client sampling keeps every variant within its platform limits', async () => {
    const before = await balanceOf(client);
    const result = await client.callTool({
      name: 'create_ad_creative',
      arguments: { product: 'A 400 g bike lock', platforms: ['meta', 'google'], variants: 1 },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as {
      variants: Array<{ platform: string; headline: string }>;
      creditsCharged: number;
      model: { id: string };
    };
    expect(structured.model.id).toBe('client-sampling');
    const google = structured.variants.find((variant) => variant.platform === 'google');
    expect(google?.headline.length).toBeLessThanOrEqual(30);
    expect(longGoogleHeadline.startsWith(google?.headline ?? '-')).toBe(true);
    // The client's own model is free (list_models prices it at 0): nothing is held or charged.
    expect(structured.creditsCharged).toBe(0);
    expect(await balanceOf(client)).toBe(before);
    // The overshoot was re-asked with the problems listed, and the repair reported as a warning.
    expect(asked.some((params) => JSON.stringify(params.messages).includes('over the limit'))).toBe(true);
    expect(logs.some((log) => log.level === 'warning' && log.logger === 'create_ad_creative')).toBe(true);
  });

  it('honours logging/setLevel: below the level, no log notifications', async () => {
    await client.setLoggingLevel('error');
    const before = logs.length;
    const result = await client.callTool({
      name: 'create_ad_creative',
      arguments: { product: 'A 400 g bike lock', platforms: ['google'], variants: 1 },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(logs.length).toBe(before);
    await client.setLoggingLevel('info');
  });

  it('sends progress notifications when the client asks for them', async () => {
    const progress: number[] = [];
    const result = await client.callTool(
      { name: 'generate_image', arguments: { prompt: 'progress lock', count: 2 } },
      undefined,
      {
        onprogress: (update) => progress.push(update.progress),
      },
    );
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(progress).toEqual([0, 1, 2]);
  });

  it('create_ad_creative with includeImage writes a prompt, draws one image and charges only the image', async () => {
    const before = await balanceOf(client);
    const result = await client.callTool({
      name: 'create_ad_creative',
      arguments: { product: 'A 400 g bike lock', platforms: ['meta'], variants: 1, includeImage: true },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as {
      assets: Array<{ uri: string; mimeType: string }>;
      creditsCharged: number;
    };
    expect(structured.assets).toHaveLength(1);
    expect(structured.assets[0]?.mimeType).toBe('image/png');
    expect(structured.creditsCharged).toBe(imagePrice);
    expect(await balanceOf(client)).toBe(before - imagePrice);
    const imageRequest = gemini.requests.at(-1);
    expect(JSON.stringify(imageRequest?.body)).toContain('A light bike lock on a city bike, morning sun');
  });

  it('analyze_market answers through client sampling', async () => {
    const result = await client.callTool({
      name: 'analyze_market',
      arguments: { product: 'bike locks', region: 'Germany' },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      summary: exampleMarket.summary,
      model: { id: 'client-sampling' },
    });
  });

  it('model preferences are validated against the catalogue and used on the next call', async () => {
    const bad = await client.callTool({
      name: 'set_model_preferences',
      arguments: { imageModel: 'qwen-image' },
    });
    expect(errorText(bad)).toMatch(/^PROVIDER_NOT_CONFIGURED: .*SAGEMAKER_QWEN_IMAGE_ENDPOINT/);
    const set = await client.callTool({
      name: 'set_model_preferences',
      arguments: { chatModel: 'client-sampling' },
    });
    expect(set.structuredContent).toMatchObject({ chatModel: 'client-sampling', imageModel: null });
    const got = await client.callTool({ name: 'get_model_preferences', arguments: {} });
    expect(got.structuredContent).toEqual(set.structuredContent);
  });

  it('falls back along MODEL_FALLBACK_CHAIN, says so in a warning, and names the model that answered', async () => {
    await client.callTool({ name: 'set_model_preferences', arguments: { chatModel: 'gemini-3.5-flash' } });
    gemini.injectFaults({ kind: 'server-error', status: 503 }, { kind: 'server-error', status: 503 });
    const before = logs.length;
    const result = await client.callTool({ name: 'analyze_market', arguments: { product: 'bike locks' } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      model: { provider: 'client-sampling', id: 'client-sampling' },
    });
    const warnings = logs.slice(before).filter((log) => log.level === 'warning');
    expect(warnings.map((log) => String(log.data))).toEqual([
      expect.stringMatching(/gemini-3.5-flash failed; client-sampling answered/),
    ]);
    await client.callTool({ name: 'set_model_preferences', arguments: { chatModel: null } });
  });

  it('a client without sampling gets a clear PROVIDER_NOT_CONFIGURED and is not charged', async () => {
    const plain = await connectHttpClient(server.baseUrl, otherKey);
    const result = await plain.callTool({ name: 'analyze_market', arguments: { product: 'bike locks' } });
    expect(errorText(result)).toMatch(/^PROVIDER_NOT_CONFIGURED: .*sampling/);
    expect(await balanceOf(plain)).toBe(500);
    await plain.close();
  });
});
