import type { Config } from '../config/config.js';
import type { Price } from '../credits/prices.js';
import { catalogueData } from './catalogue-data.js';
import type { AspectRatio } from './image-model.js';
import { type BedrockGeography, inferenceProfileId } from './inference-profile.js';

export type ModelKind = 'chat' | 'image' | 'video';
export type ProviderName = 'bedrock' | 'sagemaker' | 'gemini' | 'openai-compatible' | 'client-sampling';

/** Dates are `YYYY-MM-DD` (UTC); `successor` is a catalogue id. */
export type Lifecycle =
  | { status: 'active'; source: string }
  | { status: 'legacy'; endOfLife: string; successor: string; source: string }
  | { status: 'retired'; since: string; successor: string; source: string };

export interface Capabilities {
  tools: boolean;
  streaming: boolean;
  vision: boolean;
  maxOutputTokens: number | undefined;
  maxVideoSeconds: number | undefined;
  aspectRatios: readonly AspectRatio[];
}

export interface CatalogueEntry {
  id: string;
  displayName: string;
  provider: ProviderName;
  kind: ModelKind;
  /** Vendor id; for Bedrock chat, the base id an inference profile prefix is put before. */
  providerModelId: string;
  /** Bedrock only: the system-defined cross-Region profiles the model has. */
  inferenceProfiles?: readonly BedrockGeography[];
  capabilities: Capabilities;
  price: Price;
  lifecycle: Lifecycle;
}

export interface ListedModel extends CatalogueEntry {
  configured: boolean;
  /** Variables to set (alternatives joined by " or ") for the model to become configured. */
  missing: string[];
}

const awsCredentialsHint =
  'AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY or AWS_PROFILE or AWS_BEARER_TOKEN_BEDROCK (or BEDROCK_ENABLED=true)';

function bedrockMissing(config: Config): string[] {
  const { aws } = config;
  if (aws.bedrockEnabled === 'true') return [];
  if (aws.bedrockEnabled === 'false') return ['BEDROCK_ENABLED=auto or BEDROCK_ENABLED=true'];
  const hasCredentials =
    aws.credentials !== undefined ||
    aws.profile !== undefined ||
    aws.bedrockBearerToken !== undefined ||
    aws.endpoints.bedrockRuntime !== undefined;
  return hasCredentials ? [] : [awsCredentialsHint];
}

/** What is missing for one catalogue model, from the parsed config alone (no network). */
export function missingFor(entry: CatalogueEntry, config: Config): string[] {
  switch (entry.provider) {
    case 'bedrock': {
      const missing = bedrockMissing(config);
      if (entry.kind === 'video' && config.aws.bedrockVideoOutputS3Uri === undefined)
        missing.push('BEDROCK_VIDEO_OUTPUT_S3_URI');
      return missing;
    }
    case 'sagemaker':
      if (entry.kind === 'image')
        return config.sagemaker.qwenImageEndpoint === undefined ? ['SAGEMAKER_QWEN_IMAGE_ENDPOINT'] : [];
      return [
        ...(config.sagemaker.wanVideoEndpoint === undefined ? ['SAGEMAKER_WAN_VIDEO_ENDPOINT'] : []),
        ...(config.sagemaker.asyncS3Uri === undefined ? ['SAGEMAKER_ASYNC_S3_URI'] : []),
      ];
    case 'gemini':
      return config.gemini.apiKey === undefined ? ['GEMINI_API_KEY'] : [];
    case 'openai-compatible':
      return config.openai.baseUrl === undefined ? ['OPENAI_BASE_URL'] : [];
    case 'client-sampling':
      // Depends on the connected client at call time, not on configuration.
      return [];
  }
}

export function listCatalogue(config: Config, kind?: ModelKind): ListedModel[] {
  return catalogueData
    .filter((entry) => kind === undefined || entry.kind === kind)
    .map((entry) => {
      const missing = missingFor(entry, config);
      return { ...entry, configured: missing.length === 0, missing };
    });
}

export function findModel(id: string): CatalogueEntry | undefined {
  return catalogueData.find((entry) => entry.id === id);
}

/** The id actually sent to the vendor: Bedrock chat gets its Region's profile, OpenAI-compatible OPENAI_MODEL. */
export function resolveProviderModelId(entry: CatalogueEntry, config: Config): string {
  if (entry.provider === 'openai-compatible') return config.openai.model ?? entry.providerModelId;
  if (entry.provider === 'bedrock' && entry.kind === 'chat') {
    return inferenceProfileId(entry.providerModelId, config.aws.region ?? defaultBedrockRegion);
  }
  return entry.providerModelId;
}

/** Used when no AWS_REGION is set; the Bedrock adapters use the same default. */
export const defaultBedrockRegion = 'us-east-1';
