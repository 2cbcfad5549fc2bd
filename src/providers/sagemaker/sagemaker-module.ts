import { once } from '../once.js';
import type { ProviderModule } from '../provider-module.js';
import { requireSetting } from '../require-setting.js';
import { type SageMakerSettings, sageMakerMissing, sageMakerSettings } from './sagemaker-settings.js';

/** Models the operator deploys on their own endpoints: Qwen-Image (real-time) and Wan2.2 (asynchronous). */
export const sageMakerModule: ProviderModule<SageMakerSettings> = {
  name: 'sagemaker',
  settings: sageMakerSettings,
  missing: sageMakerMissing,

  adapters(settings) {
    const clients = once(async () =>
      (await import('./sagemaker-clients.js')).createSageMakerClients(settings),
    );
    return {
      async image({ entry }) {
        const { QwenImageModel } = await import('./qwen-image-model.js');
        const { runtime } = await clients();
        return new QwenImageModel({
          client: runtime,
          endpointName: requireSetting(settings.qwenImageEndpoint, 'SAGEMAKER_QWEN_IMAGE_ENDPOINT'),
          catalogueId: entry.id,
        });
      },

      async video({ entry }) {
        const { WanVideoModel } = await import('./wan-video-model.js');
        const { runtime, s3 } = await clients();
        return new WanVideoModel({
          client: runtime,
          s3,
          endpointName: requireSetting(settings.wanVideoEndpoint, 'SAGEMAKER_WAN_VIDEO_ENDPOINT'),
          asyncS3Uri: requireSetting(settings.asyncS3Uri, 'SAGEMAKER_ASYNC_S3_URI'),
          catalogueId: entry.id,
        });
      },
    };
  },
};
