import { catalogueData } from './catalogue-data.js';

/** Prefixes of Bedrock's system-defined cross-Region inference profiles. */
export type BedrockGeography = 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'global';

/** Geographies to try for a source Region, most local first. */
function geographiesFor(region: string): BedrockGeography[] {
  if (/^(us|ca)-/.test(region) && !region.startsWith('us-gov-')) return ['us'];
  if (region.startsWith('eu-')) return ['eu'];
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return ['jp', 'apac'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['au', 'apac'];
  if (region.startsWith('ap-')) return ['apac'];
  return [];
}

/**
 * The model id to call from `region`: the geographic profile when the model has one for that
 * Region's geography (keeps data in the geography), else the global profile, else the base id
 * (in-Region invocation). Which profiles a model has comes from the catalogue.
 */
export function inferenceProfileId(baseId: string, region: string): string {
  const supported =
    catalogueData.find((entry) => entry.provider === 'bedrock' && entry.providerModelId === baseId)
      ?.inferenceProfiles ?? [];
  const geography = geographiesFor(region).find((candidate) => supported.includes(candidate));
  if (geography !== undefined) return `${geography}.${baseId}`;
  if (supported.includes('global') && !region.startsWith('us-gov-') && !region.startsWith('cn-'))
    return `global.${baseId}`;
  return baseId;
}
