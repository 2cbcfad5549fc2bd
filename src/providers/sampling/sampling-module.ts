import type { ProviderModule } from '../provider-module.js';
import type { SamplingBridge } from './sampling-bridge.js';
import type { RequestSampling } from './sampling-chat-model.js';

function toRequestSampling(bridge: SamplingBridge): RequestSampling {
  return async (params, signal) =>
    (await bridge.request(
      params as unknown as Record<string, unknown>,
      signal ?? new AbortController().signal,
    )) as Awaited<ReturnType<RequestSampling>>;
}

/** The connected MCP client's own model, through `sampling/createMessage`. It has no settings. */
export const samplingModule: ProviderModule<undefined> = {
  name: 'client-sampling',
  settings: () => undefined,
  // Depends on the connected client at call time, not on configuration.
  missing: () => [],

  adapters() {
    return {
      // Its model speaks through the calling client's sampling bridge, which differs per call.
      chatPerCall: true,
      async chat(_target, { maxTokens, sampling }) {
        const { SamplingChatModel } = await import('./sampling-chat-model.js');
        return new SamplingChatModel({
          clientSupportsSampling: sampling?.supported ?? false,
          requestSampling: sampling === undefined ? undefined : toRequestSampling(sampling),
          maxTokens,
        });
      },
    };
  },
};
