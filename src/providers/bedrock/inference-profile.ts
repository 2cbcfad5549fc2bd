/** Prefixes of Bedrock's system-defined cross-Region inference profiles. */
export const bedrockGeographies = ['us', 'eu', 'apac', 'jp', 'au', 'global'] as const;
export type BedrockGeography = (typeof bedrockGeographies)[number];

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
 * (in-Region invocation). `supported` is the profiles the model's catalogue row lists.
 */
export function inferenceProfileId(
  baseId: string,
  supported: readonly BedrockGeography[],
  region: string,
): string {
  const geography = geographiesFor(region).find((candidate) => supported.includes(candidate));
  if (geography !== undefined) return `${geography}.${baseId}`;
  if (supported.includes('global') && !region.startsWith('us-gov-') && !region.startsWith('cn-'))
    return `global.${baseId}`;
  return baseId;
}
