import { tool } from '@strands-agents/sdk';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { type AdVariant, checkVariant } from '../../src/agents/ad-copy-schema.js';
import { createAdCreative } from '../../src/agents/ad-creative-agent.js';
import { AppError } from '../../src/errors/app-error.js';
import { ScriptedStrandsModel, structuredTurn, textTurn, toolTurn } from '../fakes/scripted-strands-model.js';

const fitting = (platform: AdVariant['platform'], n: number): AdVariant => ({
  platform,
  headline: `Fresh coffee ${n}`,
  primaryText: 'Roasted this week and at your door by Friday.',
  description: 'Cancel any time.',
  callToAction: 'SHOP_NOW',
});
const tooLongHeadline = 'Freshly roasted single origin coffee delivered to your door every week'; // 70

describe('createAdCreative', () => {
  it('passes a model answer within the limits through untouched, with its usage', async () => {
    const answer = [fitting('meta', 1), fitting('meta', 2), fitting('google', 1), fitting('google', 2)];
    const model = new ScriptedStrandsModel([
      structuredTurn({ variants: answer }, { inputTokens: 900, outputTokens: 300 }),
    ]);
    const warnings: string[] = [];
    // The Strands printer writes to stdout, which would corrupt a stdio MCP stream.
    const stdout = vi.spyOn(process.stdout, 'write');
    const result = await createAdCreative({
      model,
      input: { product: 'Coffee subscription', platforms: ['meta', 'google'], variants: 2 },
      onWarning: (message) => warnings.push(message),
    });
    expect(stdout).not.toHaveBeenCalled();
    stdout.mockRestore();
    expect(result).toEqual({
      variants: answer,
      repairs: [[], [], [], []],
      usage: { inputTokens: 900, outputTokens: 300 },
      repaired: false,
    });
    expect(warnings).toEqual([]);
    expect(model.calls).toHaveLength(1);
    const [call] = model.calls;
    expect(call?.systemPrompt).toContain('headline: at most 30');
    expect(call?.systemPrompt).toContain('- meta (Meta (Facebook and Instagram feed))');
    expect(call?.lastUserText).toContain(
      'exactly 2 ad copy variant(s) for each of these platforms: meta, google',
    );
    expect(call?.lastUserText).toContain('<product>\nCoffee subscription\n</product>');
  });

  it('re-asks once listing the overshoots, then trims what still overshoots, summing usage', async () => {
    const long = { ...fitting('google', 1), headline: tooLongHeadline, callToAction: 'Grab yours' };
    const model = new ScriptedStrandsModel([
      structuredTurn({ variants: [long] }, { inputTokens: 1000, outputTokens: 200 }),
      structuredTurn(
        { variants: [{ ...long, headline: 'Freshly roasted coffee delivered weekly' }] },
        { inputTokens: 1500, outputTokens: 250 },
      ),
    ]);
    const warnings: string[] = [];
    const result = await createAdCreative({
      model,
      input: { product: 'Coffee subscription', platforms: ['google'], variants: 1 },
      onWarning: (message) => warnings.push(message),
    });

    expect(model.calls).toHaveLength(2);
    const reask = model.calls[1]?.lastUserText ?? '';
    expect(reask).toContain('- google variant 1 headline: 70 over the limit of 30 (40 too long)');
    expect(reask).toContain('- google variant 1 callToAction: not an allowed value; use one of LEARN_MORE');
    expect(reask).toContain(tooLongHeadline);

    expect(result.repaired).toBe(true);
    expect(result.usage).toEqual({ inputTokens: 2500, outputTokens: 450 });
    expect(result.variants).toHaveLength(1);
    const [variant] = result.variants;
    expect(variant?.headline).toBe('Freshly roasted coffee');
    expect(variant?.callToAction).toBe('LEARN_MORE');
    for (const each of result.variants) expect(checkVariant(each)).toEqual([]);

    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('asked the model once more');
    expect(warnings[0]).toContain('google variant 1 headline');
    expect(warnings[1]).toContain('google variant 1 headline trimmed from 39 to 22 (limit 30)');
  });

  it('accepts a re-ask that fixes everything without trimming', async () => {
    const model = new ScriptedStrandsModel([
      structuredTurn({ variants: [{ ...fitting('meta', 1), headline: tooLongHeadline }] }),
      structuredTurn({ variants: [fitting('meta', 1)] }),
    ]);
    const result = await createAdCreative({
      model,
      input: { product: 'Coffee', platforms: ['meta'], variants: 1 },
    });
    expect(result.variants).toEqual([fitting('meta', 1)]);
    expect(result.repaired).toBe(true);
  });

  it('drops extra variants and variants for platforms not asked for without re-asking', async () => {
    const model = new ScriptedStrandsModel([
      structuredTurn({
        variants: [fitting('meta', 1), fitting('x', 1), fitting('meta', 2), fitting('meta', 3)],
      }),
    ]);
    const result = await createAdCreative({
      model,
      input: { product: 'Coffee', platforms: ['meta'], variants: 2 },
    });
    expect(result.variants).toEqual([fitting('meta', 1), fitting('meta', 2)]);
    expect(result.repaired).toBe(false);
    expect(model.remainingTurns).toBe(0);
  });

  it('asks again for missing variants and fails with PROVIDER_ERROR when still short', async () => {
    const model = new ScriptedStrandsModel([
      structuredTurn({ variants: [fitting('linkedin', 1)] }, { inputTokens: 10, outputTokens: 5 }),
      structuredTurn({ variants: [fitting('linkedin', 1)] }, { inputTokens: 20, outputTokens: 5 }),
    ]);
    const failure = createAdCreative({
      model,
      input: { product: 'Coffee', platforms: ['linkedin'], variants: 3 },
    });
    await expect(failure).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { usage: { inputTokens: 30, outputTokens: 10 } },
    });
    await expect(failure).rejects.toThrow(/1 of 3 for linkedin/);
    expect(model.calls[1]?.lastUserText).toContain('- linkedin: 1 variant(s) returned, 3 required');
  });

  it('fails with PROVIDER_ERROR when the model never returns structured output', async () => {
    const model = new ScriptedStrandsModel([textTurn('Here are some ideas...'), textTurn('Still prose.')]);
    await expect(
      createAdCreative({ model, input: { product: 'Coffee', platforms: ['meta'], variants: 1 } }),
    ).rejects.toMatchObject({ code: 'PROVIDER_ERROR', message: expect.stringContaining('write ad copy') });
  });

  it('keeps an AppError thrown by the model adapter as it is', async () => {
    const thrown = new AppError('RATE_LIMITED', 'bedrock is throttling', { retryAfterSeconds: 3 });
    const model = new ScriptedStrandsModel([{ kind: 'error', error: thrown }]);
    await expect(
      createAdCreative({ model, input: { product: 'Coffee', platforms: ['meta'], variants: 1 } }),
    ).rejects.toBe(thrown);
  });

  it('turns an abort during the model call into CANCELLED', async () => {
    const model = new ScriptedStrandsModel([{ kind: 'hang' }]);
    const controller = new AbortController();
    const pending = createAdCreative({
      model,
      input: { product: 'Coffee', platforms: ['meta'], variants: 1 },
      signal: controller.signal,
    });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('rejects bad input before calling the model', async () => {
    const model = new ScriptedStrandsModel([]);
    await expect(
      createAdCreative({ model, input: { product: 'Coffee', platforms: [], variants: 1 } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'platforms' },
    });
    await expect(
      createAdCreative({ model, input: { product: 'Coffee', platforms: ['meta'], variants: 0 } }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'variants' },
    });
    expect(model.calls).toHaveLength(0);
  });

  it('lets the model call the image tool, then returns the copy', async () => {
    const seen: string[] = [];
    const imageTool = tool({
      name: 'generate_image',
      description: 'Generate an advertising visual',
      inputSchema: z.object({ prompt: z.string() }),
      callback: ({ prompt }) => {
        seen.push(prompt);
        return 'asset://img-1';
      },
    });
    const model = new ScriptedStrandsModel([
      toolTurn([{ name: 'generate_image', input: { prompt: 'a steaming cup at dawn' } }], {
        inputTokens: 100,
        outputTokens: 10,
      }),
      structuredTurn({ variants: [fitting('meta', 1)] }, { inputTokens: 150, outputTokens: 60 }),
    ]);
    const result = await createAdCreative({
      model,
      imageTool,
      input: { product: 'Coffee', platforms: ['meta'], variants: 1 },
    });
    expect(seen).toEqual(['a steaming cup at dawn']);
    expect(model.calls[0]?.toolNames).toContain('generate_image');
    expect(model.calls[0]?.systemPrompt).toContain('`generate_image`');
    expect(model.calls[1]?.messages.at(-1)?.toolResults).toEqual(['success']);
    expect(result).toMatchObject({
      variants: [fitting('meta', 1)],
      usage: { inputTokens: 250, outputTokens: 70 },
    });
  });
});
