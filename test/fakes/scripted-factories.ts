import type { Model } from '@strands-agents/sdk';
import type { CatalogueEntry } from '../../src/providers/catalogue.js';
import type { ChatFactoryContext, ProviderFactories } from '../../src/providers/provider-factories.js';
import { ScriptedChatModel, type ScriptedTurn } from './scripted-chat-model.js';
import { ScriptedImageModel } from './scripted-image-model.js';
import { ScriptedVideoModel } from './scripted-video-model.js';

export interface FactoryCall {
  kind: 'chat' | 'image' | 'video';
  provider: string;
  catalogueId: string;
  providerModelId: string;
}

/** Factories that build scripted models and record which provider got which model id. */
export function scriptedFactories(
  script: { chatTurns?: Record<string, ScriptedTurn[]>; imageFailures?: Record<string, Error[]> } = {},
) {
  const calls: FactoryCall[] = [];
  const chatModels = new Map<string, ScriptedChatModel>();
  const factories: ProviderFactories = {
    async chat(entry: CatalogueEntry, context: ChatFactoryContext): Promise<Model> {
      calls.push({
        kind: 'chat',
        provider: entry.provider,
        catalogueId: entry.id,
        providerModelId: context.providerModelId,
      });
      const model = new ScriptedChatModel({
        modelId: context.providerModelId,
        text: `${entry.provider}/${context.providerModelId} answers.`,
        turns: script.chatTurns?.[entry.id],
      });
      chatModels.set(entry.id, model);
      return model;
    },
    async image(entry, providerModelId) {
      calls.push({ kind: 'image', provider: entry.provider, catalogueId: entry.id, providerModelId });
      return new ScriptedImageModel({
        modelId: entry.id,
        provider: entry.provider,
        failures: script.imageFailures?.[entry.id],
      });
    },
    async video(entry, providerModelId) {
      calls.push({ kind: 'video', provider: entry.provider, catalogueId: entry.id, providerModelId });
      return new ScriptedVideoModel({ modelId: entry.id, provider: entry.provider });
    },
  };
  return { factories, calls, chatModels };
}
