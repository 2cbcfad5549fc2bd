import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { toolList } from '../../src/tools/tool-list.js';
import { ScriptedStrandsModel, structuredTurn } from '../fakes/scripted-strands-model.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { inMemoryMcpClient } from '../support/in-memory-mcp-client.js';
import { sampleInsight, sampleMetaVariant } from '../support/sample-answers.js';

const insight = sampleInsight;
const variant = sampleMetaVariant;

type ToolResult = {
  isError?: boolean;
  structuredContent: Record<string, unknown>;
  content: Array<{ type: string; text?: string; uri?: string }>;
};

/** Each MCP tool is a thin adapter: arguments in, the core's answer out as structured content and links. */
describe('MCP tools over the core', () => {
  let h: CoreHarness;
  let client: Client;
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as ToolResult;

  beforeAll(async () => {
    h = await createCoreHarness({
      credits: 1000,
      chatModel: new ScriptedStrandsModel([
        structuredTurn(insight, { inputTokens: 1000, outputTokens: 1000 }),
        structuredTurn({ variants: [variant] }, { inputTokens: 500, outputTokens: 500 }),
      ]),
    });
    client = await inMemoryMcpClient(h, { name: 'adapter-test' });
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await h?.close();
  });

  it('lists every tool with its schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(toolList.map((tool) => tool.name));
    expect(tools.every((tool) => tool.outputSchema !== undefined)).toBe(true);
  });

  it('analyze_market and create_ad_creative answer what the core made, priced by tokens', async () => {
    const market = await call('analyze_market', { product: 'Coffee subscription' });
    expect(market.isError, JSON.stringify(market.content)).toBeFalsy();
    expect(market.structuredContent).toEqual({
      ...insight,
      creditsCharged: 3,
      model: { provider: 'test', id: 'test-chat' },
    });
    const creative = await call('create_ad_creative', { product: 'Coffee subscription', variants: 1 });
    expect(creative.isError, JSON.stringify(creative.content)).toBeFalsy();
    expect(creative.structuredContent).toMatchObject({ variants: [variant], assets: [], creditsCharged: 2 });
  });

  it('generate_image returns resource links; list_assets and resources/read reach the same assets', async () => {
    const result = await call('generate_image', { prompt: 'a lighthouse', count: 2 });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const assets = result.structuredContent.assets as Array<{ assetId: string; uri: string }>;
    expect(assets).toHaveLength(2);
    expect(result.content.filter((item) => item.type === 'resource_link').map((item) => item.uri)).toEqual(
      assets.map((asset) => asset.uri),
    );
    const listed = await call('list_assets', { kind: 'image' });
    expect((listed.structuredContent.assets as unknown[]).length).toBe(2);
    const resources = await client.listResources();
    // The earlier create_ad_creative kept its creative as a text asset; the images are these two.
    const images = resources.resources.filter((resource) => resource.mimeType?.startsWith('image/'));
    expect(images.map((resource) => resource.uri).sort()).toEqual(assets.map((asset) => asset.uri).sort());
    const read = await client.readResource({ uri: assets[0]?.uri as string });
    expect(read.contents[0]).toMatchObject({ mimeType: 'image/png' });
    await expect(
      client.readResource({ uri: 'asset://00000000-0000-0000-0000-000000000000' }),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  it('generate_video, get_job and cancel_job drive one job', async () => {
    const started = await call('generate_video', { prompt: 'waves', durationSeconds: 2 });
    expect(started.structuredContent).toMatchObject({ status: 'running' });
    const jobId = started.structuredContent.jobId as string;
    expect((await call('get_job', { jobId })).structuredContent).toMatchObject({ jobId, status: 'running' });
    expect((await call('cancel_job', { jobId })).structuredContent).toMatchObject({
      jobId,
      status: 'cancelled',
    });
    const missing = await call('get_job', { jobId: 'nope' });
    expect(missing.isError).toBe(true);
    expect(missing.content[0]?.text).toMatch(/^NOT_FOUND: /);
  });

  it('get_credit_balance, list_models and the preference tools answer the core’s reads', async () => {
    const balance = await call('get_credit_balance');
    const expected = await h.core.readCredits(plainCaller(h.userId), { historyLimit: 10 });
    expect(balance.structuredContent).toMatchObject({
      balance: expected.balance,
      held: expected.held,
      available: expected.available,
    });
    expect((balance.structuredContent.recent as unknown[]).length).toBe(expected.history.length);
    const models = await call('list_models', { kind: 'image' });
    expect((models.structuredContent.models as Array<{ id: string }>).map((model) => model.id)).toContain(
      'test-image',
    );
    expect((await call('set_model_preferences', { imageModel: 'test-image' })).structuredContent).toEqual({
      chatModel: null,
      imageModel: 'test-image',
      videoModel: null,
    });
    expect((await call('get_model_preferences')).structuredContent.imageModel).toBe('test-image');
  });

  it('estimate_cost quotes a paying call with the core’s plan; bad arguments for the quoted tool are named', async () => {
    const quote = await call('estimate_cost', {
      tool: 'generate_image',
      arguments: { prompt: 'kites', count: 3 },
    });
    expect(quote.isError, JSON.stringify(quote.content)).toBeFalsy();
    expect(quote.structuredContent).toMatchObject({
      credits: { min: 21, max: 21 },
      hold: 21,
      model: { provider: 'test', id: 'test-image' },
      affordable: true,
    });
    const bad = await call('estimate_cost', { tool: 'generate_image', arguments: { count: 9 } });
    expect(bad.content[0]?.text).toMatch(/^INVALID_INPUT: arguments for generate_image is invalid: .*prompt/);
  });

  it('refuses bad arguments naming the field, before the core is called', async () => {
    const result = await call('generate_image', { prompt: '', count: 9 });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/^INVALID_INPUT: .*prompt/);
    expect(result.content[0]?.text).toMatch(/count/);
  });
});
