import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageInfo } from '../../src/providers/image-dimensions.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { OpenAiCompatibleFake } from '../fakes/openai-compatible-fake.js';
import { baseEnv, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import { connectHttpClient } from './support/sampling-client.js';

const imagePrice = 70; // gemini-3.1-flash-image, per list_models

async function balanceOf(client: Client): Promise<number> {
  const result = await client.callTool({ name: 'get_credit_balance', arguments: {} });
  return (result.structuredContent as { balance: number }).balance;
}

interface Pack {
  packId: string;
  items: Array<{
    placement: string;
    width: number;
    height: number;
    copy: Record<string, string>;
    policyFlags: Array<{ rule: string }>;
    assets: Array<{ assetId: string; url: string; width: number; height: number }>;
  }>;
  bundle: { assetId: string; url: string; mimeType: string };
  creditsCharged: number;
}

describe('create_placement_pack over MCP (OpenAI-compatible and Gemini stand-ins)', () => {
  let openai: OpenAiCompatibleFake;
  let gemini: GeminiFake;
  let server: ServeProcess;
  let client: Client;

  beforeAll(async () => {
    openai = await OpenAiCompatibleFake.start();
    gemini = await GeminiFake.start();
    server = await startServe(
      baseEnv({
        ADENGINE_HOME: await tempHome(),
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: openai.apiKey,
        OPENAI_MODEL: 'qwen3-8b',
        DEFAULT_CHAT_MODEL: 'openai-compatible',
        GEMINI_API_KEY: gemini.apiKey,
        GEMINI_BASE_URL: gemini.baseUrl,
        DEFAULT_IMAGE_MODEL: 'gemini-3.1-flash-image',
      }),
    );
    client = await connectHttpClient(server.baseUrl, server.firstKey);
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
    await openai?.close();
    await gemini?.close();
  });

  it('brand kit over REST and MCP: a bad colour is INVALID_INPUT naming the field', async () => {
    const headers = { authorization: `Bearer ${server.firstKey}`, 'content-type': 'application/json' };
    const bad = await fetch(`${server.baseUrl}/api/v1/me/brand-kit`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ colors: ['red'] }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect([body.error.code, body.error.message]).toEqual([
      'INVALID_INPUT',
      expect.stringContaining('colors'),
    ]);
    const put = await fetch(`${server.baseUrl}/api/v1/me/brand-kit`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ name: 'LockCo', bannedWords: ['cheap'], colors: ['#0055FF'] }),
    });
    expect(put.status).toBe(200);
    const got = await client.callTool({ name: 'get_brand_kit', arguments: {} });
    expect(got.structuredContent).toMatchObject({
      name: 'LockCo',
      bannedWords: ['cheap'],
      colors: ['#0055ff'],
    });
  });

  it('check_ad_copy flags a policy breach and a length overshoot, free', async () => {
    const before = await balanceOf(client);
    const result = await client.callTool({
      name: 'check_ad_copy',
      arguments: {
        platform: 'google',
        headline: 'FREE locks for every rider today',
        description: 'Guaranteed!!',
      },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const check = result.structuredContent as { withinLimits: boolean; policyFlags: Array<{ rule: string }> };
    expect(check.withinLimits).toBe(false);
    expect(check.policyFlags.map((flag) => flag.rule).sort()).toEqual([
      'absolute-money-claim',
      'google-excessive-capitalization',
      'google-excessive-punctuation',
    ]);
    expect(await balanceOf(client)).toBe(before);
  });

  it('builds every placement at its exact size with a zip and manifest, charging what the balance drops', async () => {
    openai.toolReply = ({ tools }) =>
      tools.includes('strands_structured_output')
        ? {
            name: 'strands_structured_output',
            arguments: {
              variants: [
                {
                  platform: 'meta',
                  headline: 'Carry less, lock more',
                  primaryText: 'A cheap 400 g lock for city bikes.',
                  description: 'Light and strong',
                  callToAction: 'SHOP_NOW',
                },
                {
                  platform: 'linkedin',
                  headline: 'Bike locks for your team',
                  primaryText: 'Give commuters a 400 g lock.',
                  description: 'Light and strong',
                  callToAction: 'LEARN_MORE',
                },
              ],
            },
          }
        : undefined;
    const args = {
      product: 'A 400 g bike lock',
      placements: ['meta-story', 'linkedin-feed'],
      maxCredits: 400,
    };
    const estimate = await client.callTool({
      name: 'estimate_cost',
      arguments: { tool: 'create_placement_pack', arguments: args },
    });
    expect(estimate.isError, JSON.stringify(estimate.content)).toBeFalsy();
    const quote = estimate.structuredContent as { credits: { min: number; max: number } };
    expect(quote.credits.min).toBeGreaterThanOrEqual(2 * imagePrice);

    const before = await balanceOf(client);
    const result = await client.callTool({ name: 'create_placement_pack', arguments: args });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const pack = result.structuredContent as unknown as Pack;
    const after = await balanceOf(client);
    expect(before - after).toBe(pack.creditsCharged);
    expect(pack.creditsCharged).toBeGreaterThan(2 * imagePrice);
    expect(pack.creditsCharged).toBeLessThanOrEqual(quote.credits.max);
    expect(pack.items.map((item) => [item.placement, item.width, item.height])).toEqual([
      ['meta-story', 1080, 1920],
      ['linkedin-feed', 1200, 627],
    ]);
    // The brand kit set above bans "cheap".
    expect(pack.items[0]?.copy.primaryText).toBe('A 400 g lock for city bikes.');

    const zipResponse = await fetch(pack.bundle.url);
    expect(zipResponse.status).toBe(200);
    const zip = unzipSync(new Uint8Array(await zipResponse.arrayBuffer()));
    expect(Object.keys(zip).sort()).toEqual(['linkedin-feed.png', 'manifest.json', 'meta-story.png']);
    for (const item of pack.items) {
      expect(readImageInfo(zip[`${item.placement}.png`] ?? new Uint8Array())).toMatchObject({
        width: item.width,
        height: item.height,
      });
      const download = await fetch(item.assets[0]?.url ?? '');
      expect(readImageInfo(new Uint8Array(await download.arrayBuffer()))).toMatchObject({
        width: item.width,
      });
    }
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as {
      packId: string;
      brand: string;
      items: Array<{ placement: string; file: string; width: number; height: number; copy: object }>;
    };
    expect(manifest.packId).toBe(pack.packId);
    expect(manifest.brand).toBe('LockCo');
    expect(manifest.items.map((item) => [item.placement, item.file, item.width, item.height])).toEqual([
      ['meta-story', 'meta-story.png', 1080, 1920],
      ['linkedin-feed', 'linkedin-feed.png', 1200, 627],
    ]);
    expect(manifest.items[1]?.copy).toEqual(pack.items[1]?.copy);

    const links = (result.content as Array<{ type: string; uri?: string }>).filter(
      (item) => item.type === 'resource_link',
    );
    expect(links).toHaveLength(3);
  });

  it('over maxCredits it is refused before any provider is called, charging nothing', async () => {
    const before = await balanceOf(client);
    const imageCalls = gemini.requests.length;
    const result = await client.callTool({
      name: 'create_placement_pack',
      arguments: { product: 'Locks', placements: ['meta-feed', 'x-feed'], maxCredits: 100 },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('BUDGET_EXCEEDED');
    expect(await balanceOf(client)).toBe(before);
    expect(gemini.requests.length).toBe(imageCalls);
  });
});
