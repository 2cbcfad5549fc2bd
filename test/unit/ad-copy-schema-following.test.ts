import { describe, expect, it } from 'vitest';
import { createAdCreative } from '../../src/agents/ad-creative-agent.js';
import { SchemaFollowingModel } from '../fakes/schema-following-model.js';

describe('ad copy from a model that answers the least its schema allows', () => {
  it('gets exactly the variants asked for, per platform, from the schema alone', async () => {
    const model = new SchemaFollowingModel();
    const result = await createAdCreative({
      model,
      input: { product: 'Cold brew subscription', platforms: ['meta'], variants: 3 },
    });
    expect(result.variants).toHaveLength(3);
    expect(result.variants.every((variant) => variant.platform === 'meta')).toBe(true);
    // The schema itself says it: three items, Meta's own limits.
    const variants = (model.lastSchema as { properties: { variants: Record<string, unknown> } }).properties
      .variants;
    expect(variants).toMatchObject({ minItems: 3, maxItems: 3 });
    expect(JSON.stringify(variants.items)).toContain(
      '"headline":{"type":"string","minLength":1,"maxLength":40}',
    );
  });

  it('gets every platform its share when several are asked for', async () => {
    const result = await createAdCreative({
      model: new SchemaFollowingModel(),
      input: { product: 'Cold brew subscription', platforms: ['meta', 'x', 'google'], variants: 2 },
    });
    expect(result.variants.map((variant) => variant.platform)).toEqual([
      'meta',
      'meta',
      'x',
      'x',
      'google',
      'google',
    ]);
  });
});
