import type { CatalogueEntry } from '../catalogue-entry.js';
import { chatCapabilities, mediaCapabilities } from './row-helpers.js';

const deprecations = 'https://ai.google.dev/gemini-api/docs/deprecations';
const models = 'https://ai.google.dev/gemini-api/docs/models';
const video = 'https://ai.google.dev/gemini-api/docs/video';
const omni =
  'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/omni-flash-preview (deprecation note naming gemini-omni-1.2-flash), checked 2026-11-30';
const imageRatios = ['1:1', '4:5', '9:16', '16:9'] as const;

/**
 * Gemini API rows. Ids and shut-down dates: the vendor pages in `source` as quoted in issue 13,
 * checked 2026-11-30. Prices (https://ai.google.dev/gemini-api/docs/pricing) were NOT re-verified
 * that day (no access to the page); they are the list prices last known.
 */
export const googleChatRows: readonly CatalogueEntry[] = [
  {
    id: 'gemini-3.5-flash',
    displayName: 'Gemini 3.5 Flash',
    provider: 'gemini',
    kind: 'chat',
    providerModelId: 'gemini-3.5-flash',
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 65_536 }),
    price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 4, reserve: 32 },
    lifecycle: { status: 'active', source: models },
  },
  {
    id: 'gemini-3.1-pro-preview',
    displayName: 'Gemini 3.1 Pro (preview)',
    provider: 'gemini',
    kind: 'chat',
    providerModelId: 'gemini-3.1-pro-preview',
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 65_536 }),
    // NOT VERIFIED: US$2 / US$12 per million tokens (prompts up to 200k).
    price: { unit: 'tokens', inputPer1k: 2, outputPer1k: 12, reserve: 100 },
    lifecycle: { status: 'active', source: models },
  },
  {
    id: 'gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    provider: 'gemini',
    kind: 'chat',
    providerModelId: 'gemini-2.5-flash',
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 65_536 }),
    price: { unit: 'tokens', inputPer1k: 1, outputPer1k: 3, reserve: 24 },
    // Shut down on the Gemini API 2026-06-17.
    lifecycle: {
      status: 'retired',
      endOfLife: '2026-06-17',
      successor: 'gemini-3.5-flash',
      source: deprecations,
    },
  },
  {
    id: 'gemini-2.5-pro',
    displayName: 'Gemini 2.5 Pro',
    provider: 'gemini',
    kind: 'chat',
    providerModelId: 'gemini-2.5-pro',
    capabilities: chatCapabilities({ vision: true, maxOutputTokens: 65_536 }),
    price: { unit: 'tokens', inputPer1k: 2, outputPer1k: 10, reserve: 100 },
    // Shut down on the Gemini API 2026-06-17.
    lifecycle: {
      status: 'retired',
      endOfLife: '2026-06-17',
      successor: 'gemini-3.1-pro-preview',
      source: deprecations,
    },
  },
];

export const googleImageRows: readonly CatalogueEntry[] = [
  {
    id: 'gemini-3.1-flash-image',
    displayName: 'Gemini 3.1 Flash Image',
    provider: 'gemini',
    kind: 'image',
    providerModelId: 'gemini-3.1-flash-image',
    capabilities: mediaCapabilities({ aspectRatios: imageRatios, vision: true, imageInput: true }),
    price: { unit: 'image', perImage: 70 },
    lifecycle: { status: 'active', source: models },
  },
  {
    id: 'gemini-3-pro-image',
    displayName: 'Gemini 3 Pro Image',
    provider: 'gemini',
    kind: 'image',
    providerModelId: 'gemini-3-pro-image',
    capabilities: mediaCapabilities({ aspectRatios: imageRatios, vision: true, imageInput: true }),
    // NOT VERIFIED: US$0.134 per 1K/2K image.
    price: { unit: 'image', perImage: 134 },
    lifecycle: { status: 'active', source: models },
  },
  {
    id: 'gemini-2.5-flash-image',
    displayName: 'Gemini 2.5 Flash Image',
    provider: 'gemini',
    kind: 'image',
    providerModelId: 'gemini-2.5-flash-image',
    capabilities: mediaCapabilities({ aspectRatios: imageRatios, vision: true, imageInput: true }),
    price: { unit: 'image', perImage: 40 },
    // Shut down on the Gemini API 2026-10-02.
    lifecycle: {
      status: 'retired',
      endOfLife: '2026-10-02',
      successor: 'gemini-3.1-flash-image',
      source: deprecations,
    },
  },
];

export const googleVideoRows: readonly CatalogueEntry[] = [
  {
    id: 'veo',
    displayName: 'Veo 3.1 (Gemini API)',
    provider: 'gemini',
    kind: 'video',
    providerModelId: 'veo-3.1-generate-preview',
    capabilities: mediaCapabilities({
      aspectRatios: ['16:9', '9:16'],
      maxVideoSeconds: 8,
      videoDurations: [4, 6, 8],
      imageInput: true,
    }),
    // NOT VERIFIED: US$0.40 per second (with audio).
    price: { unit: 'video-second', perSecond: 400 },
    lifecycle: { status: 'active', source: video },
  },
  {
    id: 'veo-fast',
    displayName: 'Veo 3.1 Fast (Gemini API)',
    provider: 'gemini',
    kind: 'video',
    providerModelId: 'veo-3.1-fast-generate-001',
    capabilities: mediaCapabilities({
      aspectRatios: ['16:9', '9:16'],
      maxVideoSeconds: 8,
      videoDurations: [4, 6, 8],
      imageInput: true,
    }),
    // NOT VERIFIED: US$0.15 per second (with audio).
    price: { unit: 'video-second', perSecond: 150 },
    lifecycle: { status: 'active', source: video },
  },
  {
    // Checked 2026-11-30: the id from Google's own pages (docs.cloud.google.com Omni Flash Preview
    // page: `gemini-omni-flash-preview` deprecated 2026-11-06, migrate to `gemini-omni-1.2-flash`;
    // googleapis python-genai 3.1.0 / java-genai 2.1.0, 2026-11-10: "add gemini-omni-1.2-flash and
    // make it the gemini-api video default"); the Interactions API from ai.google.dev (video guide,
    // changelog 2026-06-30). Capabilities are the documented preview's (3–10 s, 720p, 16:9 and
    // 9:16, animates a still image); 1.2's own limits were not on a Google page I could read.
    // After Veo in this list so routing without a model keeps Veo where both can (see docs/providers.md).
    id: 'gemini-omni-flash',
    displayName: 'Gemini Omni 1.2 Flash (Gemini API, Interactions)',
    provider: 'gemini',
    kind: 'video',
    providerModelId: 'gemini-omni-1.2-flash',
    capabilities: mediaCapabilities({
      aspectRatios: ['16:9', '9:16'],
      maxVideoSeconds: 10,
      videoDurations: [3, 4, 5, 6, 7, 8, 9, 10],
      imageInput: true,
    }),
    // NOT VERIFIED: about US$0.10 per second of 720p video (third-party resellers, for the preview).
    price: { unit: 'video-second', perSecond: 100 },
    lifecycle: { status: 'active', source: omni },
  },
];
