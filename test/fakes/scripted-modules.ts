import type { ProviderModule } from '../../src/providers/provider-module.js';
import { providerModules } from '../../src/providers/provider-modules.js';
import { ScriptedChatModel, type ScriptedTurn } from './scripted-chat-model.js';
import { ScriptedImageModel } from './scripted-image-model.js';
import { ScriptedVideoModel } from './scripted-video-model.js';

export interface AdapterCall {
  kind: 'chat' | 'image' | 'video';
  provider: string;
  catalogueId: string;
  /** What the vendor would have been sent. */
  vendorModelId: string;
}

/**
 * The real provider modules (settings, missing variables, vendor ids) with scripted adapters in
 * place of the vendor ones, recording which provider was asked to build which model.
 */
export function scriptedModules(
  script: { chatTurns?: Record<string, ScriptedTurn[]>; imageFailures?: Record<string, Error[]> } = {},
) {
  const calls: AdapterCall[] = [];
  const chatModels = new Map<string, ScriptedChatModel>();
  const modules = providerModules.map(
    (module): ProviderModule => ({
      ...module,
      adapters: (settings) => ({
        // The provider's own answer: whether its chat model may be kept across calls.
        chatPerCall: module.adapters(settings).chatPerCall,
        async chat({ entry, vendorModelId }) {
          calls.push({ kind: 'chat', provider: entry.provider, catalogueId: entry.id, vendorModelId });
          const model = new ScriptedChatModel({
            modelId: vendorModelId,
            text: `${entry.provider}/${vendorModelId} answers.`,
            turns: script.chatTurns?.[entry.id],
          });
          chatModels.set(entry.id, model);
          return model;
        },
        async image({ entry, vendorModelId }) {
          calls.push({ kind: 'image', provider: entry.provider, catalogueId: entry.id, vendorModelId });
          return new ScriptedImageModel({
            modelId: entry.id,
            provider: entry.provider,
            failures: script.imageFailures?.[entry.id],
          });
        },
        async video({ entry, vendorModelId }) {
          calls.push({ kind: 'video', provider: entry.provider, catalogueId: entry.id, vendorModelId });
          return new ScriptedVideoModel({ modelId: entry.id, provider: entry.provider });
        },
      }),
    }),
  );
  return { modules, calls, chatModels };
}
