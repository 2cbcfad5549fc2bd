import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiCompatibleFake } from '../fakes/openai-compatible-fake.js';
import { baseEnv, type ServeProcess, startServe, tempHome } from './support/cli-process.js';
import { connectHttpClient, exampleMarket } from './support/sampling-client.js';

const hold = 20; // openai-compatible: 1 credit per 1k input, 2 per 1k output, holds 20 (list_models)

async function balanceOf(client: Client): Promise<number> {
  return (
    (await client.callTool({ name: 'get_credit_balance', arguments: {} })).structuredContent as {
      balance: number;
    }
  ).balance;
}

describe('text tools on a paid chat model (OpenAI-compatible stand-in)', () => {
  let openai: OpenAiCompatibleFake;
  let server: ServeProcess;
  let client: Client;

  beforeAll(async () => {
    openai = await OpenAiCompatibleFake.start();
    server = await startServe(
      baseEnv({
        ADENGINE_HOME: await tempHome(),
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: openai.apiKey,
        OPENAI_MODEL: 'qwen3-8b',
        DEFAULT_CHAT_MODEL: 'openai-compatible',
      }),
    );
    client = await connectHttpClient(server.baseUrl, server.firstKey);
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
    await openai?.close();
  });

  it('analyze_market charges the tokens used, priced as list_models shows, never more than the hold', async () => {
    openai.toolReply = ({ tools }) =>
      tools.includes('strands_structured_output')
        ? { name: 'strands_structured_output', arguments: exampleMarket }
        : undefined;
    const before = await balanceOf(client);
    const result = await client.callTool({
      name: 'analyze_market',
      arguments: { product: 'bike locks', region: 'Germany' },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as {
      creditsCharged: number;
      model: { provider: string; id: string };
      summary: string;
    };
    expect(structured.model).toEqual({ provider: 'openai-compatible', id: 'openai-compatible' });
    expect(structured.summary).toBe(exampleMarket.summary);
    expect(structured.creditsCharged).toBeGreaterThan(0);
    expect(structured.creditsCharged).toBeLessThanOrEqual(hold);
    expect(await balanceOf(client)).toBe(before - structured.creditsCharged);
    const sent = openai.requests.at(-1)?.body as { model?: string } | undefined;
    expect(sent?.model).toBe('qwen3-8b');
  });

  it('create_ad_creative keeps copy within limits and charges by tokens', async () => {
    openai.toolReply = ({ tools }) =>
      tools.includes('strands_structured_output')
        ? {
            name: 'strands_structured_output',
            arguments: {
              variants: [
                {
                  platform: 'x',
                  headline: 'Lock it. Forget it.',
                  primaryText: 'The 400 g lock for city bikes.',
                  description: 'Light and strong',
                  callToAction: 'Shop now',
                },
              ],
            },
          }
        : undefined;
    const before = await balanceOf(client);
    const result = await client.callTool({
      name: 'create_ad_creative',
      arguments: { product: 'A 400 g bike lock', platforms: ['x'], variants: 1 },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const structured = result.structuredContent as {
      creditsCharged: number;
      variants: Array<{ platform: string }>;
    };
    expect(structured.variants).toHaveLength(1);
    expect(structured.creditsCharged).toBeGreaterThan(0);
    expect(await balanceOf(client)).toBe(before - structured.creditsCharged);
  });

  it('a model that never answers in the required shape fails with PROVIDER_ERROR and charges nothing', async () => {
    openai.toolReply = () => undefined;
    const before = await balanceOf(client);
    const result = await client.callTool({ name: 'analyze_market', arguments: { product: 'bike locks' } });
    expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(/^PROVIDER_ERROR: /);
    expect(await balanceOf(client)).toBe(before);
  });
});
