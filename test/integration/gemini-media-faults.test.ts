import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { createGeminiClient } from '../../src/providers/gemini/gemini-client.js';
import { GeminiImageModel } from '../../src/providers/gemini/gemini-image-model.js';
import { VeoVideoModel } from '../../src/providers/gemini/veo-video-model.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import { fakeVideoBytes } from '../fakes/gemini-fake-veo.js';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let fake: GeminiFake;
beforeEach(async () => {
  fake = await GeminiFake.start();
});
afterEach(async () => {
  await fake.close();
});

function imageModel(): GeminiImageModel {
  const client = createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini);
  return new GeminiImageModel({
    client,
    catalogueId: 'gemini-2.5-flash-image',
    providerModelId: 'gemini-2.5-flash-image',
  });
}

describe('Gemini image generation', () => {
  it('sends one IMAGE-modality call per image with the mapped ratio, distinct seeds and the negative prompt', async () => {
    const images = await imageModel().generate({
      prompt: 'A kite',
      negativePrompt: 'text',
      aspectRatio: '1.91:1',
      count: 2,
      seed: 10,
    });
    expect(images).toHaveLength(2);
    const bodies = fake.requests.map((request) => request.body);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body).toMatchObject({
        contents: [{ role: 'user', parts: [{ text: 'A kite\n\nAvoid: text' }] }],
        generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } },
      });
    }
    const seeds = bodies
      .map((body) => (body as { generationConfig: { seed: number } }).generationConfig.seed)
      .sort();
    expect(seeds).toEqual([10, 11]);
  });

  it('a safety block (no image, finishReason) is a non-retryable PROVIDER_ERROR naming the reason', async () => {
    fake.injectFaults({ kind: 'blocked', reason: 'IMAGE_SAFETY' });
    const error = await failure(imageModel().generate({ prompt: 'x', aspectRatio: '1:1', count: 1 }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('IMAGE_SAFETY');
  });

  it('throttling of one of several images fails the whole request as RATE_LIMITED', async () => {
    fake.injectFaults({ kind: 'throttle' });
    const error = await failure(imageModel().generate({ prompt: 'x', aspectRatio: '1:1', count: 3 }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryable).toBe(true);
  });

  it('a malformed body is a PROVIDER_ERROR', async () => {
    fake.injectFaults({ kind: 'malformed' });
    const error = await failure(imageModel().generate({ prompt: 'x', aspectRatio: '9:16', count: 1 }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.message).toMatch(/malformed/);
  });
});

describe('Veo', () => {
  function veo(options: { apiKey?: string; fetch?: typeof fetch } = {}): VeoVideoModel {
    const client = createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini);
    return new VeoVideoModel({
      client,
      catalogueId: 'veo',
      providerModelId: 'veo-3.1-generate-001',
      apiKey: options.apiKey ?? fake.apiKey,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  it('sends the documented predictLongRunning body and polls the operation name it got back', async () => {
    const image = { bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' };
    const operation = await veo().start({
      prompt: 'Waves',
      durationSeconds: 4,
      aspectRatio: '9:16',
      image,
      seed: 5,
    });
    expect(fake.requests[0]).toMatchObject({
      action: 'predictLongRunning',
      model: 'veo-3.1-generate-001',
      body: {
        instances: [{ prompt: 'Waves', image: { bytesBase64Encoded: 'AQID', mimeType: 'image/png' } }],
        parameters: { aspectRatio: '9:16', durationSeconds: 4, sampleCount: 1 },
      },
    });
    expect(operation.id).toMatch(/^models\/veo-3\.1-generate-001\/operations\/\w+$/);
    await veo().status(operation);
    expect(fake.requests[1]?.path).toBe(`/v1beta/${operation.id}`);
  });

  it('downloads the finished video with the API key header through the injected fetch', async () => {
    const seen: { url: string; key: string | null }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), key: new Headers(init?.headers).get('x-goog-api-key') });
      return fetch(input, init);
    };
    const model = veo({ fetch: recordingFetch });
    const operation = await model.start({ prompt: 'Waves', durationSeconds: 8, aspectRatio: '16:9' });
    await fake.completeAll();
    const status = await model.status(operation);
    expect(status.state === 'succeeded' && Buffer.from(status.video.bytes)).toEqual(fakeVideoBytes);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.key).toBe(fake.apiKey);
    expect(seen[0]?.url).toMatch(/\/v1beta\/files\/\w+:download\?alt=media$/);
  });

  it('a failed download is thrown (the job is not failed), with the HTTP status deciding the retry', async () => {
    const model = veo({ apiKey: 'wrong' });
    const operation = await model.start({ prompt: 'Waves', durationSeconds: 8, aspectRatio: '16:9' });
    await fake.completeAll();
    const error = await failure(model.status(operation));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.retryable).toBe(false);
  });

  it('a safety-filtered operation is a failed job that names the reason', async () => {
    fake.failNext('filtered');
    const model = veo();
    const operation = await model.start({ prompt: 'Waves', durationSeconds: 8, aspectRatio: '16:9' });
    await fake.completeAll();
    const status = await model.status(operation);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'PROVIDER_ERROR' } });
    expect(status.state === 'failed' && status.error.message).toMatch(/violate our policies/);
  });

  it('throttling on start is RATE_LIMITED; a 5xx while polling is retryable; a malformed start is PROVIDER_ERROR', async () => {
    const model = veo();
    fake.injectFaults({ kind: 'throttle' });
    expect((await failure(model.start({ prompt: 'a', durationSeconds: 8, aspectRatio: '16:9' }))).code).toBe(
      'RATE_LIMITED',
    );
    const operation = await model.start({ prompt: 'a', durationSeconds: 8, aspectRatio: '16:9' });
    fake.injectFaults({ kind: 'server-error', status: 500 });
    const polled = await failure(model.status(operation));
    expect([polled.code, polled.retryable]).toEqual(['PROVIDER_ERROR', true]);
    fake.injectFaults({ kind: 'malformed' });
    expect((await failure(model.start({ prompt: 'a', durationSeconds: 8, aspectRatio: '16:9' }))).code).toBe(
      'PROVIDER_ERROR',
    );
  });

  it('rejects a square video before calling the API', async () => {
    const error = await failure(veo().start({ prompt: 'a', durationSeconds: 8, aspectRatio: '1:1' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(fake.requests).toHaveLength(0);
  });
});
