import { describe, expect, it } from 'vitest';
import { analyzeMarket, type MarketInsight } from '../../src/agents/market-insight-agent.js';
import { ScriptedStrandsModel, structuredTurn, textTurn } from '../fakes/scripted-strands-model.js';

const insight: MarketInsight = {
  summary: 'Specialty coffee subscriptions grow fastest among remote workers in Germany.',
  audiences: [
    {
      name: 'Remote professionals',
      description: 'Work from home, brew 3+ cups a day',
      size: 'about 4 million',
      channels: ['instagram', 'linkedin'],
    },
    { name: 'Gift buyers', description: 'Buy coffee as a present', channels: ['google search'] },
  ],
  competitors: [
    {
      name: 'Roastery Box',
      positioning: 'Premium single origin',
      strengths: ['brand'],
      weaknesses: ['price'],
    },
  ],
  trends: [
    { name: 'Home espresso', description: 'More home espresso machines', evidence: 'retail sales reports' },
  ],
  opportunities: [{ title: 'Office bundles', description: 'Sell team subscriptions', priority: 'high' }],
};

describe('analyzeMarket', () => {
  it('returns the validated briefing with the usage of the call', async () => {
    const model = new ScriptedStrandsModel([
      structuredTurn(insight, { inputTokens: 700, outputTokens: 400 }),
    ]);
    const result = await analyzeMarket({
      model,
      input: {
        product: 'Coffee subscription',
        region: 'Germany',
        competitors: ['Roastery Box'],
        questions: ['Who buys?'],
      },
    });
    expect(result).toEqual({ ...insight, usage: { inputTokens: 700, outputTokens: 400 } });
    const prompt = model.calls[0]?.lastUserText ?? '';
    expect(prompt).toContain('<region>\nGermany\n</region>');
    expect(prompt).toContain('<known-competitors>\nRoastery Box\n</known-competitors>');
    expect(prompt).toContain('- Who buys?');
    expect(model.calls[0]?.systemPrompt).toContain('market analyst');
  });

  it('lets the model fix an answer the schema rejects, counting both calls', async () => {
    const broken = { ...insight, opportunities: [{ title: 'x', description: 'y', priority: 'urgent' }] };
    const model = new ScriptedStrandsModel([
      structuredTurn(broken, { inputTokens: 100, outputTokens: 50 }),
      structuredTurn(insight, { inputTokens: 200, outputTokens: 60 }),
    ]);
    const result = await analyzeMarket({ model, input: { product: 'Coffee' } });
    expect(result.opportunities[0]?.priority).toBe('high');
    expect(result.usage).toEqual({ inputTokens: 300, outputTokens: 110 });
    expect(model.calls[1]?.messages.at(-1)?.toolResults).toEqual(['error']);
  });

  it('fails with PROVIDER_ERROR when the model answers garbage', async () => {
    const model = new ScriptedStrandsModel([textTurn('lorem ipsum'), textTurn('dolor sit amet')]);
    await expect(analyzeMarket({ model, input: { product: 'Coffee' } })).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      message: expect.stringContaining('analyse the market'),
    });
  });

  it('fails with PROVIDER_ERROR when every structured answer breaks the schema', async () => {
    const garbage = structuredTurn({ summary: 42 }, { inputTokens: 10, outputTokens: 10 });
    const model = new ScriptedStrandsModel([garbage, garbage, garbage, garbage]);
    await expect(analyzeMarket({ model, input: { product: 'Coffee' } })).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      details: { usage: { inputTokens: 40, outputTokens: 40 } },
    });
    expect(model.remainingTurns).toBe(0);
  });
});
