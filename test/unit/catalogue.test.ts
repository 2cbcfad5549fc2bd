import { describe, expect, it } from 'vitest';
import { createModelsCommand } from '../../src/cli/models-command.js';
import { chatCost, imageCost, reserveAmount, videoCost } from '../../src/credits/prices.js';
import { bedrockRowOptions } from '../../src/providers/bedrock/bedrock-row-options.js';
import { createCatalogue, findModel, listCatalogue } from '../../src/providers/catalogue.js';
import { catalogueData } from '../../src/providers/catalogue-data.js';
import { providerModules } from '../../src/providers/provider-modules.js';
import { providerStatus } from '../../src/providers/provider-status.js';
import { allProvidersEnvironment, configFrom } from '../fakes/scripted-config.js';

const configuredIds = (environment: Record<string, string>) =>
  listCatalogue(configFrom(environment))
    .filter((model) => model.configured)
    .map((model) => model.id);

describe('catalogue data', () => {
  it('has unique ids, the models the issue asks for, and successors that exist', () => {
    const ids = catalogueData.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'claude-sonnet-4.5',
      'claude-sonnet-4.6',
      'qwen3',
      'qwen3-32b',
      'nova-2-lite',
      'gemini-3.5-flash',
      'gemini-3.1-pro-preview',
      'gemini-2.5-flash',
      'gemini-2.5-pro',
      'openai-compatible',
      'client-sampling',
    ]) {
      expect(findModel(id)?.kind).toBe('chat');
    }
    for (const id of [
      'qwen-image',
      'nova-canvas',
      'stable-image-core',
      'stable-image-ultra',
      'sd3.5-large',
      'gemini-2.5-flash-image',
      'gemini-3.1-flash-image',
      'gemini-3-pro-image',
    ])
      expect(findModel(id)?.kind).toBe('image');
    for (const id of ['wan2.2', 'nova-reel', 'veo', 'veo-fast']) expect(findModel(id)?.kind).toBe('video');
    for (const entry of catalogueData) {
      expect(entry.lifecycle.source).toMatch(/^https:\/\//);
      const { successor } = entry.lifecycle;
      if (entry.lifecycle.status !== 'active') expect(successor, entry.id).toBeDefined();
      if (successor !== undefined) expect(findModel(successor)?.kind).toBe(entry.kind);
    }
    // The vendors' own dates (issue 13, checked 2026-11-30).
    expect(findModel('nova-canvas')?.lifecycle).toMatchObject({ status: 'retired', endOfLife: '2026-09-30' });
    expect(findModel('nova-reel')?.lifecycle).toMatchObject({ status: 'retired', endOfLife: '2026-09-30' });
    for (const id of ['gemini-2.5-flash', 'gemini-2.5-pro'])
      expect(findModel(id)?.lifecycle).toMatchObject({ status: 'retired', endOfLife: '2026-06-17' });
    expect(findModel('gemini-2.5-flash-image')?.lifecycle).toMatchObject({
      status: 'retired',
      endOfLife: '2026-10-02',
    });
    expect(findModel('claude-sonnet-4.5')?.lifecycle).toMatchObject({
      status: 'deprecated',
      successor: 'claude-sonnet-4.6',
    });
    expect(findModel('claude-sonnet-4.6')?.providerModelId).toBe('anthropic.claude-sonnet-4-6');
    expect(findModel('stable-image-core')?.lifecycle.status).toBe('active');
  });

  it('belongs to a provider module for every row, with Bedrock options that check out', () => {
    const names = providerModules.map((module) => module.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of catalogueData) expect(names, entry.id).toContain(entry.provider);
    for (const entry of catalogueData.filter((row) => row.provider === 'bedrock')) {
      const options = bedrockRowOptions(entry);
      // The row, not the model id, says which adapter draws a Bedrock image.
      if (entry.kind === 'image') expect(options.adapter, entry.id).toBeDefined();
      if (entry.kind === 'chat') expect(options.inferenceProfiles, entry.id).toBeDefined();
    }
    expect(bedrockRowOptions(findModel('stable-image-core')!).adapter).toBe('stability');
    expect(bedrockRowOptions(findModel('nova-canvas')!).adapter).toBe('nova-canvas');
  });

  it('prices in whole, non-negative credits of the right unit per kind', () => {
    const unitFor = { chat: 'tokens', image: 'image', video: 'video-second' } as const;
    for (const entry of catalogueData) {
      expect(entry.price.unit).toBe(unitFor[entry.kind]);
      for (const value of Object.values(entry.price))
        if (typeof value === 'number') expect(Number.isInteger(value) && value >= 0).toBe(true);
    }
  });

  it('holds enough for a call of 8k tokens in and 4k out on every paid chat model', () => {
    for (const entry of catalogueData) {
      if (entry.price.unit !== 'tokens' || entry.id === 'client-sampling') continue;
      expect(reserveAmount(entry.price, 1), entry.id).toBeGreaterThanOrEqual(
        chatCost(entry.price, { inputTokens: 8_000, outputTokens: 4_096 }),
      );
      expect(chatCost(entry.price, { inputTokens: 1, outputTokens: 0 }), `${entry.id} never charges 0`).toBe(
        1,
      );
    }
  });

  it('charges images per image and video per started second', () => {
    const canvas = findModel('nova-canvas')?.price;
    const reel = findModel('nova-reel')?.price;
    if (canvas?.unit !== 'image' || reel?.unit !== 'video-second') throw new Error('unexpected price units');
    expect(imageCost(canvas, 3)).toBe(120);
    expect(videoCost(reel, 6)).toBe(480);
    expect(reserveAmount(reel, 6)).toBe(480);
  });
});

describe('configured rules', () => {
  it('configures only client-sampling when nothing is set', () => {
    expect(configuredIds({})).toEqual(['client-sampling']);
    const claude = listCatalogue(configFrom({})).find((model) => model.id === 'claude-sonnet-4.5');
    expect(claude?.missing).toEqual([expect.stringContaining('AWS_PROFILE')]);
  });

  it.each([
    [{ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret' }],
    [{ AWS_PROFILE: 'work' }],
    [{ AWS_BEARER_TOKEN_BEDROCK: 'token' }],
    [{ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:4566' }],
    [{ BEDROCK_ENABLED: 'true' }],
  ])('configures Bedrock (auto) from %j, but Nova Reel only with its output URI', (environment) => {
    const ids = configuredIds(environment);
    expect(ids).toEqual(
      expect.arrayContaining([
        'claude-sonnet-4.5',
        'qwen3',
        'nova-2-lite',
        'nova-canvas',
        'stable-image-core',
      ]),
    );
    expect(ids).not.toContain('nova-reel');
    expect(configuredIds({ ...environment, BEDROCK_VIDEO_OUTPUT_S3_URI: 's3://b/reel/' })).toContain(
      'nova-reel',
    );
  });

  it('turns Bedrock off with BEDROCK_ENABLED=false whatever credentials exist', () => {
    expect(configuredIds({ BEDROCK_ENABLED: 'false', AWS_PROFILE: 'work' })).not.toContain(
      'claude-sonnet-4.5',
    );
  });

  it('configures SageMaker, Gemini and OpenAI-compatible from their own variables', () => {
    expect(configuredIds({ SAGEMAKER_QWEN_IMAGE_ENDPOINT: 'qwen' })).toContain('qwen-image');
    expect(
      configuredIds({ SAGEMAKER_WAN_VIDEO_ENDPOINT: 'wan', SAGEMAKER_ASYNC_S3_URI: 's3://a/b/' }),
    ).toContain('wan2.2');
    expect(configuredIds({ GEMINI_API_KEY: 'k' })).toEqual(
      expect.arrayContaining(['gemini-2.5-flash', 'gemini-2.5-flash-image', 'veo']),
    );
    expect(configuredIds({ OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1' })).toContain('openai-compatible');
  });

  it('sends each vendor the id it expects', () => {
    const catalogue = createCatalogue(configFrom({ ...allProvidersEnvironment, AWS_REGION: 'eu-west-1' }));
    expect(catalogue.vendorModelId(findModel('claude-sonnet-4.5')!)).toBe(
      'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(catalogue.vendorModelId(findModel('openai-compatible')!)).toBe('llama3.1:8b');
    expect(catalogue.vendorModelId(findModel('nova-canvas')!)).toBe('amazon.nova-canvas-v1:0');
  });

  it('summarises providers for doctor', () => {
    const rows = providerStatus(configFrom({ GEMINI_API_KEY: 'k' }));
    expect(rows.find((row) => row.provider === 'gemini')).toMatchObject({ configured: true, missing: [] });
    expect(rows.find((row) => row.provider === 'sagemaker')).toMatchObject({
      configured: false,
      missing: ['SAGEMAKER_QWEN_IMAGE_ENDPOINT', 'SAGEMAKER_WAN_VIDEO_ENDPOINT', 'SAGEMAKER_ASYNC_S3_URI'],
    });
    expect(rows.find((row) => row.provider === 'client-sampling')?.configured).toBe(true);
  });
});

describe('adengine models list', () => {
  it('prints a table and the same rows as JSON, filtered by kind', async () => {
    const printed: { human: string; json: unknown }[] = [];
    const command = createModelsCommand({
      config: configFrom({ GEMINI_API_KEY: 'k' }),
      print: (human, json) => printed.push({ human, json }),
    });
    await command.parseAsync(['list', '--kind', 'video'], { from: 'user' });
    const [output] = printed;
    expect(output?.human.split('\n')[0]).toMatch(
      /^ID\s+PROVIDER\s+KIND\s+CAPABILITIES\s+PRICE\s+CONFIGURED\s+LIFECYCLE$/,
    );
    expect(output?.human).toContain('retired 2026-09-30 → veo');
    expect(
      ((output?.json ?? []) as { id: string; configured: boolean }[]).map((row) => [row.id, row.configured]),
    ).toEqual([
      ['wan2.2', false],
      ['nova-reel', false],
      ['veo', true],
      ['veo-fast', true],
      ['gemini-omni-flash', true],
    ]);
  });
});
