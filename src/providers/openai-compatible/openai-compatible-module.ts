import type { ProviderModule } from '../provider-module.js';
import {
  type OpenAiCompatibleSettings,
  openAiCompatibleMissing,
  openAiCompatibleSettings,
} from './openai-compatible-settings.js';

export const openAiCompatibleModule: ProviderModule<OpenAiCompatibleSettings> = {
  name: 'openai-compatible',
  settings: openAiCompatibleSettings,
  missing: openAiCompatibleMissing,
  // The row stands for whatever the server serves; OPENAI_MODEL names it.
  vendorModelId: (entry, settings) => settings.model ?? entry.providerModelId,

  adapters(settings) {
    return {
      async chat({ vendorModelId }, { maxTokens }) {
        const { createOpenAiChatModel } = await import('./create-openai-chat-model.js');
        return createOpenAiChatModel({ settings, modelName: vendorModelId, maxTokens });
      },
    };
  },
};
