import { once } from '../once.js';
import type { ProviderModule } from '../provider-module.js';
import { requireSetting } from '../require-setting.js';
import { type GeminiSettings, geminiMissing, geminiSettings } from './gemini-settings.js';

export const geminiModule: ProviderModule<GeminiSettings> = {
  name: 'gemini',
  settings: geminiSettings,
  missing: geminiMissing,

  adapters(settings) {
    const client = once(async () => (await import('./gemini-client.js')).createGeminiClient(settings));
    return {
      async lifecycle(targets) {
        const { readGeminiLifecycle } = await import('./gemini-lifecycle.js');
        return readGeminiLifecycle(await client(), targets);
      },

      async chat({ vendorModelId }, { maxTokens }) {
        const { createGeminiChatModel } = await import('./create-gemini-chat-model.js');
        return createGeminiChatModel({ client: await client(), providerModelId: vendorModelId, maxTokens });
      },

      async image({ entry, vendorModelId }) {
        const { GeminiImageModel } = await import('./gemini-image-model.js');
        return new GeminiImageModel({
          client: await client(),
          catalogueId: entry.id,
          providerModelId: vendorModelId,
        });
      },

      async video({ entry, vendorModelId }) {
        // Omni speaks the Interactions API; Veo the long-running generateVideos operation.
        if (vendorModelId.startsWith('gemini-omni')) {
          const { OmniVideoModel } = await import('./omni-video-model.js');
          return new OmniVideoModel({
            client: await client(),
            catalogueId: entry.id,
            providerModelId: vendorModelId,
          });
        }
        const { VeoVideoModel } = await import('./veo-video-model.js');
        return new VeoVideoModel({
          client: await client(),
          catalogueId: entry.id,
          providerModelId: vendorModelId,
          apiKey: requireSetting(settings.apiKey, 'GEMINI_API_KEY'),
        });
      },
    };
  },
};
