import type { BedrockRowOptions } from '../bedrock/bedrock-row-options.js';
import type { CatalogueEntry } from '../catalogue-entry.js';
import { chatCapabilities, mediaCapabilities } from './row-helpers.js';

const bedrockLifecycle = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html';
const stabilityParameters =
  'https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-stability-diffusion.html';
const stabilityRatios = ['1:1', '4:5', '9:16', '16:9'] as const;

/**
 * Bedrock and SageMaker rows. Ids and dates: the vendor page in `source` as quoted in issue 13,
 * checked 2026-11-30. Prices marked NOT VERIFIED could not be re-read that day.
 */
export const awsChatRows: readonly CatalogueEntry[] = [
  {
    id: 'claude-sonnet-4.6',
    displayName: 'Claude Sonnet 4.6 (Bedrock)',
    provider: 'bedrock',
    kind: 'chat',
    // Source: Anthropic's deprecations page names it the successor of Sonnet 4.5; Bedrock id with
    // us./global. profiles (https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-sonnet-4-6.html), checked 2026-11-30.
    providerModelId: 'anthropic.claude-sonnet-4-6',
    providerOptions: { inferenceProfiles: ['us', 'global'] } satisfies BedrockRowOptions,
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 64_000 }),
    // US$3 / US$15 per million tokens (https://aws.amazon.com/bedrock/pricing/): NOT VERIFIED on 2026-11-30 (no access to the page).
    price: { unit: 'tokens', inputPer1k: 3, outputPer1k: 15, reserve: 150 },
    lifecycle: {
      status: 'active',
      source:
        'https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-sonnet-4-6.html',
    },
  },
  {
    id: 'claude-sonnet-5.5',
    displayName: 'Claude Sonnet 5.5 (Bedrock)',
    provider: 'bedrock',
    kind: 'chat',
    // Checked 2026-11-30, partly: Anthropic's "Model IDs and versioning" page gives the Bedrock form
    // for the 4.6 generation on as anthropic.claude-{name}-{major}-{minor}, which makes this id;
    // the @ai-sdk/amazon-bedrock release of 2026-09-28 (not a vendor page) names the same id and
    // its `us.` profile. No AWS page naming it could be read, so the profiles are still the 4.6 ones.
    providerModelId: 'anthropic.claude-sonnet-5-5',
    providerOptions: { inferenceProfiles: ['us', 'global'] } satisfies BedrockRowOptions,
    // Anthropic's Sonnet 5.5 page (checked 2026-11-30): "Forced tool use returns an error"; max
    // output 128K tokens (Anthropic's figure; Bedrock's model card was not read).
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 128_000, noForcedToolChoice: true }),
    // Anthropic's list price, checked 2026-11-30 on its Sonnet 5.5 page: US$2 / US$10 per million
    // tokens. Bedrock's own price page was not read. Hold: 8k in + 4,096 out = 57 credits, kept at 100.
    price: { unit: 'tokens', inputPer1k: 2, outputPer1k: 10, reserve: 100 },
    lifecycle: {
      status: 'active',
      source: 'https://platform.claude.com/docs/en/models/sonnet-5-5/overview, checked 2026-11-30',
    },
  },
  {
    id: 'claude-sonnet-4.5',
    displayName: 'Claude Sonnet 4.5 (Bedrock)',
    provider: 'bedrock',
    kind: 'chat',
    providerModelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    // Claude 4.x models are invocable only through inference profiles, never in-region.
    providerOptions: { inferenceProfiles: ['us', 'eu', 'jp', 'au', 'global'] } satisfies BedrockRowOptions,
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 64_000 }),
    price: { unit: 'tokens', inputPer1k: 3, outputPer1k: 15, reserve: 150 },
    // Anthropic retired it on its own platforms on 2026-11-30; Bedrock sets its own date (not
    // published when checked), so no end of life here: `models sync` stores Bedrock's.
    lifecycle: {
      status: 'deprecated',
      successor: 'claude-sonnet-4.6',
      source: 'https://docs.anthropic.com/en/docs/about-claude/model-deprecations',
    },
  },
  {
    id: 'qwen3',
    displayName: 'Qwen3 235B A22B 2507 (Bedrock)',
    provider: 'bedrock',
    kind: 'chat',
    providerModelId: 'qwen.qwen3-235b-a22b-2507-v1:0',
    // On-demand in-Region only: no system-defined cross-Region profile is listed for it.
    providerOptions: { inferenceProfiles: [] } satisfies BedrockRowOptions,
    capabilities: chatCapabilities({ vision: false, maxOutputTokens: 8_192 }),
    price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 1, reserve: 16 },
    lifecycle: {
      status: 'active',
      source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-cards-qwen.html',
    },
  },
  {
    id: 'qwen3-32b',
    displayName: 'Qwen3 32B (Bedrock)',
    provider: 'bedrock',
    kind: 'chat',
    providerModelId: 'qwen.qwen3-32b-v1:0',
    providerOptions: { inferenceProfiles: [] } satisfies BedrockRowOptions,
    // Max output NOT VERIFIED (set like the 235B row).
    capabilities: chatCapabilities({ vision: false, maxOutputTokens: 8_192 }),
    // Price NOT VERIFIED against https://aws.amazon.com/bedrock/pricing/: below US$1 per million tokens rounds to 1 credit per 1k.
    price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 1, reserve: 16 },
    lifecycle: {
      status: 'active',
      source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-cards-qwen.html',
    },
  },
  {
    id: 'nova-2-lite',
    displayName: 'Amazon Nova 2 Lite (Bedrock)',
    provider: 'bedrock',
    kind: 'chat',
    // Invoked as us.amazon.nova-2-lite-v1:0 (or global.) through its inference profiles.
    providerModelId: 'amazon.nova-2-lite-v1:0',
    providerOptions: { inferenceProfiles: ['us', 'global'] } satisfies BedrockRowOptions,
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 65_535 }),
    price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 3, reserve: 24 },
    lifecycle: {
      status: 'active',
      source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-2-lite.html',
    },
  },
];

export const awsImageRows: readonly CatalogueEntry[] = [
  {
    id: 'qwen-image',
    displayName: 'Qwen-Image (SageMaker endpoint)',
    provider: 'sagemaker',
    kind: 'image',
    providerModelId: 'Qwen/Qwen-Image',
    capabilities: mediaCapabilities({ aspectRatios: ['1:1', '4:5', '9:16', '16:9', '1.91:1'] }),
    // Self-hosted: the price covers the endpoint's time per image, not a vendor list price.
    price: { unit: 'image', perImage: 10 },
    lifecycle: { status: 'active', source: 'https://huggingface.co/Qwen/Qwen-Image' },
  },
  {
    id: 'stable-image-core',
    displayName: 'Stability AI Stable Image Core (Bedrock)',
    provider: 'bedrock',
    kind: 'image',
    providerModelId: 'stability.stable-image-core-v1:1',
    providerOptions: { adapter: 'stability' } satisfies BedrockRowOptions,
    capabilities: mediaCapabilities({ aspectRatios: stabilityRatios }),
    // US$0.04 per image (https://aws.amazon.com/bedrock/pricing/): NOT VERIFIED on 2026-11-30 (no access to the page).
    price: { unit: 'image', perImage: 40 },
    lifecycle: { status: 'active', source: stabilityParameters },
  },
  {
    id: 'stable-image-ultra',
    displayName: 'Stability AI Stable Image Ultra (Bedrock)',
    provider: 'bedrock',
    kind: 'image',
    providerModelId: 'stability.stable-image-ultra-v1:1',
    providerOptions: { adapter: 'stability' } satisfies BedrockRowOptions,
    capabilities: mediaCapabilities({ aspectRatios: stabilityRatios }),
    // US$0.14 per image (https://aws.amazon.com/bedrock/pricing/): NOT VERIFIED on 2026-11-30 (no access to the page).
    price: { unit: 'image', perImage: 140 },
    lifecycle: { status: 'active', source: stabilityParameters },
  },
  {
    id: 'sd3.5-large',
    displayName: 'Stability AI Stable Diffusion 3.5 Large (Bedrock)',
    provider: 'bedrock',
    kind: 'image',
    providerModelId: 'stability.sd3-5-large-v1:0',
    providerOptions: { adapter: 'stability' } satisfies BedrockRowOptions,
    capabilities: mediaCapabilities({ aspectRatios: stabilityRatios }),
    // US$0.08 per image (https://aws.amazon.com/bedrock/pricing/): NOT VERIFIED on 2026-11-30 (no access to the page).
    price: { unit: 'image', perImage: 80 },
    lifecycle: { status: 'active', source: stabilityParameters },
  },
  {
    id: 'nova-canvas',
    displayName: 'Amazon Nova Canvas (Bedrock)',
    provider: 'bedrock',
    kind: 'image',
    providerModelId: 'amazon.nova-canvas-v1:0',
    providerOptions: { adapter: 'nova-canvas' } satisfies BedrockRowOptions,
    capabilities: mediaCapabilities({
      aspectRatios: ['1:1', '4:5', '9:16', '16:9', '1.91:1'],
      maxImages: 4,
    }),
    price: { unit: 'image', perImage: 40 },
    // End of life on Bedrock 2026-09-30 (https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html), checked 2026-11-30.
    lifecycle: {
      status: 'retired',
      endOfLife: '2026-09-30',
      successor: 'stable-image-core',
      source: bedrockLifecycle,
    },
  },
];

export const awsVideoRows: readonly CatalogueEntry[] = [
  {
    id: 'wan2.2',
    displayName: 'Wan2.2 (SageMaker asynchronous endpoint)',
    provider: 'sagemaker',
    kind: 'video',
    providerModelId: 'Wan-AI/Wan2.2-T2V-A14B',
    capabilities: mediaCapabilities({
      aspectRatios: ['16:9', '9:16'],
      maxVideoSeconds: 5,
      imageInput: false,
    }),
    price: { unit: 'video-second', perSecond: 25 },
    lifecycle: { status: 'active', source: 'https://huggingface.co/Wan-AI/Wan2.2-T2V-A14B' },
  },
  {
    id: 'nova-reel',
    displayName: 'Amazon Nova Reel (Bedrock)',
    provider: 'bedrock',
    kind: 'video',
    providerModelId: 'amazon.nova-reel-v1:1',
    capabilities: mediaCapabilities({
      aspectRatios: ['16:9'],
      maxVideoSeconds: 6,
      videoDurations: [6],
      imageInput: true,
    }),
    price: { unit: 'video-second', perSecond: 80 },
    // End of life on Bedrock 2026-09-30 (https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html), checked 2026-11-30.
    lifecycle: { status: 'retired', endOfLife: '2026-09-30', successor: 'veo', source: bedrockLifecycle },
  },
];
