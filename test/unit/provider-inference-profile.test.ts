import { describe, expect, it } from 'vitest';
import { bedrockRowOptions } from '../../src/providers/bedrock/bedrock-row-options.js';
import { inferenceProfileId as profileFor } from '../../src/providers/bedrock/inference-profile.js';
import { findModel } from '../../src/providers/catalogue.js';

const claude = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const nova2 = 'amazon.nova-2-lite-v1:0';
const qwen = 'qwen.qwen3-235b-a22b-2507-v1:0';

/** The profiles come from the model's catalogue row, as the Bedrock module reads them. */
function inferenceProfileId(baseId: string, region: string): string {
  const entry = [findModel('claude-sonnet-4.5'), findModel('nova-2-lite'), findModel('qwen3')].find(
    (candidate) => candidate?.providerModelId === baseId,
  );
  const profiles = entry === undefined ? [] : (bedrockRowOptions(entry).inferenceProfiles ?? []);
  return profileFor(baseId, profiles, region);
}

describe('inferenceProfileId', () => {
  it.each([
    ['us-east-1', `us.${claude}`],
    ['us-west-2', `us.${claude}`],
    ['ca-central-1', `us.${claude}`],
    ['eu-west-1', `eu.${claude}`],
    ['eu-central-1', `eu.${claude}`],
    ['ap-northeast-1', `jp.${claude}`],
    ['ap-southeast-2', `au.${claude}`],
    // Claude Sonnet 4.5 has no apac. profile: other APAC Regions go global.
    ['ap-south-1', `global.${claude}`],
    ['sa-east-1', `global.${claude}`],
  ])('Claude Sonnet 4.5 from %s → %s', (region, expected) => {
    expect(inferenceProfileId(claude, region)).toBe(expected);
  });

  it('gives Nova 2 Lite its US profile in the US and the global one elsewhere', () => {
    expect(inferenceProfileId(nova2, 'us-east-2')).toBe(`us.${nova2}`);
    expect(inferenceProfileId(nova2, 'eu-west-3')).toBe(`global.${nova2}`);
    expect(inferenceProfileId(nova2, 'ap-northeast-1')).toBe(`global.${nova2}`);
  });

  it('keeps in-Region models (Qwen3) and unknown ids unprefixed', () => {
    expect(inferenceProfileId(qwen, 'us-west-2')).toBe(qwen);
    expect(inferenceProfileId(qwen, 'eu-central-1')).toBe(qwen);
    expect(inferenceProfileId('vendor.unknown-v1:0', 'us-east-1')).toBe('vendor.unknown-v1:0');
  });

  it('never routes GovCloud or China Regions through the global profile', () => {
    expect(inferenceProfileId(claude, 'us-gov-west-1')).toBe(claude);
    expect(inferenceProfileId(claude, 'cn-north-1')).toBe(claude);
  });
});
