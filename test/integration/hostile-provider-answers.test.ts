import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import type { GeneratedImage } from '../../src/providers/image-model.js';
import { CircuitBreaker } from '../../src/providers/resilience/circuit-breaker.js';
import { resilientVideoModel } from '../../src/providers/resilience/resilient-video-model.js';
import type { VideoModel } from '../../src/providers/video-model.js';
import { encodePng } from '../fakes/png.js';
import { appErrorOf } from '../support/app-error-of.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';

/** Provider answers that must never be stored nor charged (issue 11); each was before the fix. */
describe('hostile provider answers', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await createCoreHarness({ credits: 100 });
  }, 120_000);
  afterAll(() => h?.close());

  async function refusedAndFree(answer: GeneratedImage) {
    h.image.generate = async () => [answer];
    const caller = plainCaller(h.userId);
    const error = await appErrorOf(
      h.core.generateImages(caller, { prompt: 'x', aspectRatio: '1:1', count: 1 }),
    );
    const credits = await h.core.readCredits(caller, { historyLimit: 10 });
    const assets = await h.core.listAssets(caller, { limit: 10 });
    return { error, credits, assets };
  }

  it('refuses a 50 MB "image" before storing or charging it (PROVIDER_MAX_IMAGE_BYTES)', async () => {
    const bytes = new Uint8Array(50 * 1024 * 1024);
    bytes.set(encodePng(64, 64));
    const { error, credits, assets } = await refusedAndFree({
      bytes,
      mimeType: 'image/png',
      width: 64,
      height: 64,
    });
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/PROVIDER_MAX_IMAGE_BYTES/);
    expect(credits).toMatchObject({ balance: 100, available: 100 });
    expect(assets.assets).toEqual([]);
  });

  it('refuses a 0×0 PNG', async () => {
    const { error, credits, assets } = await refusedAndFree({
      bytes: new Uint8Array(encodePng(0, 0)),
      mimeType: 'image/png',
      width: 1024,
      height: 1024,
    });
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(credits).toMatchObject({ balance: 100, available: 100 });
    expect(assets.assets).toEqual([]);
  });

  it('refuses PNG magic followed by <html><script>', async () => {
    const bytes = Buffer.concat([
      encodePng(64, 64).subarray(0, 33),
      Buffer.from('<html><script>fetch("/api/v1/me/credits")</script></html>'),
    ]);
    const { error, credits, assets } = await refusedAndFree({
      bytes: new Uint8Array(bytes),
      mimeType: 'image/png',
      width: 64,
      height: 64,
    });
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(credits).toMatchObject({ balance: 100, available: 100 });
    expect(assets.assets).toEqual([]);
  });

  it('fails a video job whose answer is larger than PROVIDER_MAX_VIDEO_BYTES', async () => {
    const huge: VideoModel = {
      provider: 'test',
      modelId: 'test-video',
      start: async () => ({ provider: 'test', modelId: 'test-video', id: 'op', data: {} }),
      status: async () => ({
        state: 'succeeded',
        video: { bytes: new Uint8Array(2048), mimeType: 'video/mp4', durationSeconds: 4 },
      }),
    };
    const model = resilientVideoModel(huge, {
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      timeoutMs: 1_000,
      breaker: new CircuitBreaker('test', { failureThreshold: 5, openMs: 1_000 }),
      maxAnswerBytes: 1024,
    });
    const status = await model.status({ provider: 'test', modelId: 'test-video', id: 'op', data: {} });
    expect(status).toMatchObject({ state: 'failed', error: { code: 'PROVIDER_ERROR' } });
  });
});
