import { AppError } from '../../errors/app-error.js';
import type { ImageModel } from '../image-model.js';
import { once } from '../once.js';
import type { ProviderModule } from '../provider-module.js';
import { requireSetting } from '../require-setting.js';
import { type BedrockImageAdapter, bedrockRowOptions } from './bedrock-row-options.js';
import { type BedrockSettings, bedrockMissing, bedrockSettings } from './bedrock-settings.js';
import { inferenceProfileId } from './inference-profile.js';
import type { BedrockImageModelOptions } from './nova-canvas-image-model.js';

/** The image adapters a Bedrock row can name, each loaded on first use. */
const imageAdapters: Record<
  BedrockImageAdapter,
  () => Promise<new (options: BedrockImageModelOptions) => ImageModel>
> = {
  'nova-canvas': async () => (await import('./nova-canvas-image-model.js')).NovaCanvasImageModel,
  stability: async () => (await import('./stability-image-model.js')).StabilityImageModel,
};

export const bedrockModule: ProviderModule<BedrockSettings> = {
  name: 'bedrock',
  settings: bedrockSettings,
  missing: bedrockMissing,

  vendorModelId(entry, settings) {
    if (entry.kind !== 'chat') return entry.providerModelId;
    const profiles = bedrockRowOptions(entry).inferenceProfiles ?? [];
    return inferenceProfileId(entry.providerModelId, profiles, settings.aws.region);
  },

  adapters(settings) {
    const clients = once(async () => (await import('./bedrock-clients.js')).createBedrockClients(settings));
    const control = once(async () =>
      (await import('./bedrock-lifecycle.js')).createBedrockControlClient(settings),
    );
    return {
      async lifecycle(targets) {
        const { readBedrockLifecycle } = await import('./bedrock-lifecycle.js');
        return readBedrockLifecycle(await control(), settings.aws.region, targets);
      },

      async chat({ vendorModelId }, { maxTokens }) {
        const { createBedrockChatModel } = await import('./create-bedrock-chat-model.js');
        return createBedrockChatModel({ settings, providerModelId: vendorModelId, maxTokens });
      },

      async image({ entry, vendorModelId }) {
        const { adapter } = bedrockRowOptions(entry);
        if (adapter === undefined)
          throw new AppError('INTERNAL', `catalogue row ${entry.id} names no Bedrock image adapter`);
        const ImageModelClass = await imageAdapters[adapter]();
        const { runtime } = await clients();
        return new ImageModelClass({
          client: runtime,
          catalogueId: entry.id,
          providerModelId: vendorModelId,
        });
      },

      async video({ entry, vendorModelId }) {
        const { NovaReelVideoModel } = await import('./nova-reel-video-model.js');
        const { runtime, s3 } = await clients();
        return new NovaReelVideoModel({
          client: runtime,
          s3,
          catalogueId: entry.id,
          providerModelId: vendorModelId,
          outputS3Uri: requireSetting(settings.videoOutputS3Uri, 'BEDROCK_VIDEO_OUTPUT_S3_URI'),
        });
      },
    };
  },
};
