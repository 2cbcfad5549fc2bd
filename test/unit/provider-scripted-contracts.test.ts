import { describeChatModelContract } from '../contract/chat-model.contract.js';
import { describeImageModelContract } from '../contract/image-model.contract.js';
import { describeVideoModelContract } from '../contract/video-model.contract.js';
import { ScriptedChatModel } from '../fakes/scripted-chat-model.js';
import { ScriptedImageModel } from '../fakes/scripted-image-model.js';
import { ScriptedVideoModel } from '../fakes/scripted-video-model.js';

// Proves the contract suites themselves before the vendor adapters rely on them.
describeChatModelContract('scripted', async () => {
  const expectedText = 'Fresh bread, baked at dawn. Come early.';
  return { model: new ScriptedChatModel({ text: expectedText }), expectedText, close: async () => {} };
});

describeImageModelContract('scripted', async () => ({
  model: new ScriptedImageModel(),
  close: async () => {},
}));

describeVideoModelContract('scripted', async () => {
  const model = new ScriptedVideoModel();
  return {
    model,
    completeAll: () => model.completeAll(),
    failNext: () => model.failNext(),
    close: async () => {},
  };
});
