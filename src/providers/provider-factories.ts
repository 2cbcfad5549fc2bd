import type { Model } from '@strands-agents/sdk';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import type { CatalogueEntry } from './catalogue.js';
import type { ImageModel } from './image-model.js';
import type { RequestSampling } from './sampling/sampling-chat-model.js';
import type { VideoModel } from './video-model.js';

/** Per-call link to the connected MCP client, for `client-sampling`. */
export interface SamplingBridge {
  /** Whether the client declared the `sampling` capability. */
  supported: boolean;
  /** `sampling/createMessage` with these params, related to the current request. */
  request(params: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
}

function toRequestSampling(bridge: SamplingBridge): RequestSampling {
  return async (params, signal) =>
    (await bridge.request(
      params as unknown as Record<string, unknown>,
      signal ?? new AbortController().signal,
    )) as Awaited<ReturnType<RequestSampling>>;
}

export interface ChatFactoryContext {
  providerModelId: string;
  maxTokens?: number;
  sampling?: SamplingBridge;
}

/** How the registry builds vendor adapters; tests pass their own, so they need no vendor code. */
export interface ProviderFactories {
  chat(entry: CatalogueEntry, context: ChatFactoryContext): Promise<Model>;
  image(entry: CatalogueEntry, providerModelId: string): Promise<ImageModel>;
  video(entry: CatalogueEntry, providerModelId: string): Promise<VideoModel>;
}

function once<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

function requireSetting(value: string | undefined, variable: string): string {
  if (value === undefined) throw new AppError('PROVIDER_NOT_CONFIGURED', `set ${variable}`);
  return value;
}

/**
 * The real adapters, imported on first use so Strands and the cloud SDKs stay off the start-up
 * path. SDK clients are built once per process.
 */
export function createDefaultProviderFactories(config: Config): ProviderFactories {
  const bedrockClients = once(async () =>
    (await import('./bedrock/bedrock-clients.js')).createBedrockClients(config),
  );
  const sagemakerClients = once(async () =>
    (await import('./sagemaker/sagemaker-clients.js')).createSageMakerClients(config),
  );
  const geminiClient = once(async () =>
    (await import('./gemini/gemini-client.js')).createGeminiClient(config),
  );

  return {
    async chat(entry, { providerModelId, maxTokens, sampling }) {
      switch (entry.provider) {
        case 'bedrock':
          return (await import('./bedrock/create-bedrock-chat-model.js')).createBedrockChatModel({
            config,
            providerModelId,
            maxTokens,
          });
        case 'gemini':
          return (await import('./gemini/create-gemini-chat-model.js')).createGeminiChatModel({
            config,
            providerModelId,
            maxTokens,
          });
        case 'openai-compatible':
          return (await import('./openai-compatible/create-openai-chat-model.js')).createOpenAiChatModel({
            config,
            modelName: providerModelId,
            maxTokens,
          });
        case 'client-sampling': {
          const { SamplingChatModel } = await import('./sampling/sampling-chat-model.js');
          return new SamplingChatModel({
            clientSupportsSampling: sampling?.supported ?? false,
            requestSampling: sampling === undefined ? undefined : toRequestSampling(sampling),
            maxTokens,
          });
        }
        case 'sagemaker':
          break;
      }
      throw new AppError('INTERNAL', `no chat adapter for provider ${entry.provider}`);
    },

    async image(entry, providerModelId) {
      const catalogueId = entry.id;
      if (entry.provider === 'sagemaker') {
        const { QwenImageModel } = await import('./sagemaker/qwen-image-model.js');
        const { runtime } = await sagemakerClients();
        return new QwenImageModel({
          client: runtime,
          endpointName: requireSetting(config.sagemaker.qwenImageEndpoint, 'SAGEMAKER_QWEN_IMAGE_ENDPOINT'),
          catalogueId,
        });
      }
      if (entry.provider === 'bedrock') {
        const { runtime } = await bedrockClients();
        if (providerModelId.startsWith('stability.')) {
          const { StabilityImageModel } = await import('./bedrock/stability-image-model.js');
          return new StabilityImageModel({ client: runtime, catalogueId, providerModelId });
        }
        const { NovaCanvasImageModel } = await import('./bedrock/nova-canvas-image-model.js');
        return new NovaCanvasImageModel({ client: runtime, catalogueId, providerModelId });
      }
      if (entry.provider === 'gemini') {
        const { GeminiImageModel } = await import('./gemini/gemini-image-model.js');
        return new GeminiImageModel({ client: await geminiClient(), catalogueId, providerModelId });
      }
      throw new AppError('INTERNAL', `no image adapter for provider ${entry.provider}`);
    },

    async video(entry, providerModelId) {
      const catalogueId = entry.id;
      if (entry.provider === 'sagemaker') {
        const { WanVideoModel } = await import('./sagemaker/wan-video-model.js');
        const { runtime, s3 } = await sagemakerClients();
        return new WanVideoModel({
          client: runtime,
          s3,
          endpointName: requireSetting(config.sagemaker.wanVideoEndpoint, 'SAGEMAKER_WAN_VIDEO_ENDPOINT'),
          asyncS3Uri: requireSetting(config.sagemaker.asyncS3Uri, 'SAGEMAKER_ASYNC_S3_URI'),
          catalogueId,
        });
      }
      if (entry.provider === 'bedrock') {
        const { NovaReelVideoModel } = await import('./bedrock/nova-reel-video-model.js');
        const { runtime, s3 } = await bedrockClients();
        return new NovaReelVideoModel({
          client: runtime,
          s3,
          catalogueId,
          providerModelId,
          outputS3Uri: requireSetting(config.aws.bedrockVideoOutputS3Uri, 'BEDROCK_VIDEO_OUTPUT_S3_URI'),
        });
      }
      if (entry.provider === 'gemini') {
        const { VeoVideoModel } = await import('./gemini/veo-video-model.js');
        return new VeoVideoModel({
          client: await geminiClient(),
          catalogueId,
          providerModelId,
          apiKey: requireSetting(config.gemini.apiKey, 'GEMINI_API_KEY'),
        });
      }
      throw new AppError('INTERNAL', `no video adapter for provider ${entry.provider}`);
    },
  };
}
