import type { MarketInsight } from '../../src/agents/market-insight-agent.js';

/** A market insight a scripted model answers with, valid against the agent's schema. */
export const sampleInsight: MarketInsight = {
  summary: 'Remote workers brew at home.',
  audiences: [{ name: 'Remote workers', description: 'Brew at home', channels: ['instagram'] }],
  competitors: [
    { name: 'Roastery Box', positioning: 'Premium', strengths: ['brand'], weaknesses: ['price'] },
  ],
  trends: [{ name: 'Home espresso', description: 'More machines', evidence: 'retail reports' }],
  opportunities: [{ title: 'Office bundles', description: 'Team plans', priority: 'high' }],
};

/** One Meta ad copy variant within the platform's limits. */
export const sampleMetaVariant = {
  platform: 'meta' as const,
  headline: 'Fresh coffee weekly',
  primaryText: 'Roasted this week and at your door by Friday.',
  description: 'Cancel any time.',
  callToAction: 'SHOP_NOW',
};
