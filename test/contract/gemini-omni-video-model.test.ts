import { describe, expect, it } from 'vitest';
import { createGeminiClient } from '../../src/providers/gemini/gemini-client.js';
import { OmniVideoModel } from '../../src/providers/gemini/omni-video-model.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import { providerModules } from '../../src/providers/provider-modules.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import { appErrorOf } from '../support/app-error-of.js';
import { describeVideoModelContract } from './video-model.contract.js';

async function omniOnFake() {
  const fake = await GeminiFake.start();
  const client = createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini);
  const model = new OmniVideoModel({
    client,
    catalogueId: 'gemini-omni-flash',
    providerModelId: 'gemini-omni-1.2-flash',
  });
  return { fake, model };
}

describeVideoModelContract('gemini omni (Interactions API, background + get)', async () => {
  const { fake, model } = await omniOnFake();
  return {
    model,
    completeAll: () => fake.completeAll(),
    failNext: () => fake.failNext(),
    close: () => fake.close(),
  };
});

describe('gemini omni on the wire', () => {
  it('creates a background interaction with the video format and the first frame, keyed by x-goog-api-key', async () => {
    const { fake, model } = await omniOnFake();
    try {
      await model.start({
        prompt: 'a kite over dunes',
        durationSeconds: 7,
        aspectRatio: '9:16',
        seed: 3,
        image: { bytes: new Uint8Array([137, 80, 78, 71]), mimeType: 'image/png' },
      });
      const [create] = fake.requests;
      expect(create?.method).toBe('POST');
      expect(create?.path).toBe('/v1beta/interactions');
      expect(create?.apiKey).toBe(fake.apiKey);
      expect(create?.body).toEqual({
        model: 'gemini-omni-1.2-flash',
        input: [
          { type: 'text', text: 'a kite over dunes' },
          { type: 'image', data: 'iVBORw==', mime_type: 'image/png' },
        ],
        response_format: {
          type: 'video',
          aspect_ratio: '9:16',
          duration: '7s',
          resolution: '720p',
          delivery: 'inline',
        },
        generation_config: { seed: 3 },
        background: true,
        stream: false,
      });
    } finally {
      await fake.close();
    }
  });

  it('makes one attempt on a 503 (retries belong to the resilience layer) and maps it retryable', async () => {
    const { fake, model } = await omniOnFake();
    try {
      fake.injectFaults({ kind: 'server-error', status: 503 });
      const error = await appErrorOf(model.start({ prompt: 'p', durationSeconds: 5, aspectRatio: '16:9' }));
      expect(error.code).toBe('PROVIDER_ERROR');
      expect(error.retryable).toBe(true);
      expect(fake.requests.filter((request) => request.action === 'createInteraction')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('is refused by the stand-in for a duration Omni does not make', async () => {
    const { fake, model } = await omniOnFake();
    try {
      const error = await appErrorOf(model.start({ prompt: 'p', durationSeconds: 12, aspectRatio: '16:9' }));
      // A request the vendor refuses is our fault, not the user's: PROVIDER_ERROR, not retried.
      expect(error.code).toBe('PROVIDER_ERROR');
      expect(error.retryable).toBe(false);
      expect(error.message).toBe('gemini refused the request (HTTP 400)');
    } finally {
      await fake.close();
    }
  });
});

describe('gemini omni through the registry (the Gemini module picks the Interactions adapter)', () => {
  it('starts gemini-omni-flash as an interaction and Veo as a long-running operation', async () => {
    const fake = await GeminiFake.start();
    try {
      const registry = createModelRegistry({
        config: fakeProviderConfig({ gemini: fake }),
        modules: providerModules,
        sleep: async () => undefined,
      });
      const request = { prompt: 'p', durationSeconds: 8, aspectRatio: '16:9' as const };
      await (await registry.video('gemini-omni-flash')).start(request);
      await (await registry.video('veo')).start(request);
      expect(fake.requests.map((recorded) => [recorded.action, recorded.model])).toEqual([
        ['createInteraction', 'gemini-omni-1.2-flash'],
        ['predictLongRunning', 'veo-3.1-generate-preview'],
      ]);
    } finally {
      await fake.close();
    }
  });
});
