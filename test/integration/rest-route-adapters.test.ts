import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { createLogger } from '../../src/logger.js';
import { type createHttpApp, createStartingApp } from '../../src/server/http-app.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { testHttpApp } from '../support/http-config.js';

/** Each REST route is a thin adapter over the core; every failure leaves through the one error handler. */
describe('REST routes over the core', () => {
  let h: CoreHarness;
  let app: ReturnType<typeof createHttpApp>['app'];
  let key: string;
  const request = (path: string, init: RequestInit = {}, bearer: string | null = key) =>
    app.request(`http://127.0.0.1${path}`, {
      ...init,
      headers: {
        host: '127.0.0.1',
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });

  beforeAll(async () => {
    h = await createCoreHarness();
    key = (await h.core.issueApiKey(h.userId, 'rest')).key;
    app = testHttpApp(h.core).app;
  }, 120_000);
  afterAll(() => h?.close());

  it('GET /api/v1/models is the core’s catalogue; a bad kind is INVALID_INPUT', async () => {
    const response = await request('/api/v1/models?kind=video');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ models: await h.core.listModels('video') });
    const bad = await request('/api/v1/models?kind=audio');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });

  it('GET and PUT /api/v1/me/model-preferences', async () => {
    const put = await request('/api/v1/me/model-preferences', {
      method: 'PUT',
      body: JSON.stringify({ videoModel: 'test-video' }),
    });
    expect(put.status).toBe(200);
    expect(await (await request('/api/v1/me/model-preferences')).json()).toEqual({
      chatModel: null,
      imageModel: null,
      videoModel: 'test-video',
    });
    const unknownField = await request('/api/v1/me/model-preferences', {
      method: 'PUT',
      body: JSON.stringify({ audioModel: 'x' }),
    });
    expect(unknownField.status).toBe(400);
    const notJson = await request('/api/v1/me/model-preferences', { method: 'PUT', body: '{' });
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toBe(
      'body: must be JSON',
    );
  });

  it('GET /api/v1/me/credits and /api/v1/me/assets answer the core’s reads for the key’s user', async () => {
    await h.core.generateImages(plainCaller(h.userId), { prompt: 'a kite', aspectRatio: '1:1', count: 1 });
    const credits = (await (await request('/api/v1/me/credits')).json()) as {
      balance: number;
      history: unknown[];
    };
    expect(credits).toEqual(await h.core.readCredits(plainCaller(h.userId), { historyLimit: 50 }));
    const assets = (await (await request('/api/v1/me/assets?kind=image&limit=5')).json()) as {
      assets: Array<{ assetId: string }>;
    };
    expect(assets.assets).toHaveLength(1);
    expect((await request('/api/v1/me/assets?limit=0')).status).toBe(400);
  });

  it('POST /api/v1/estimate answers the same quote as estimate_cost', async () => {
    const response = await request('/api/v1/estimate', {
      method: 'POST',
      body: JSON.stringify({ tool: 'generate_video', arguments: { prompt: 'rain', durationSeconds: 2 } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(
      await h.core.estimateCost(plainCaller(h.userId), {
        tool: 'generate_video',
        input: { prompt: 'rain', durationSeconds: 2, aspectRatio: '16:9' },
      }),
    );
    const unknownTool = await request('/api/v1/estimate', {
      method: 'POST',
      body: JSON.stringify({ tool: 'list_models' }),
    });
    expect(unknownTool.status).toBe(400);
  });

  it('GET and DELETE /api/v1/jobs/:id; another user’s job is 404', async () => {
    const job = await h.core.startVideoJob(plainCaller(h.userId), {
      prompt: 'rain',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    expect(((await (await request(`/api/v1/jobs/${job.jobId}`)).json()) as { status: string }).status).toBe(
      'running',
    );
    const other = (await h.core.issueApiKey(h.otherUserId)).key;
    expect((await request(`/api/v1/jobs/${job.jobId}`, {}, other)).status).toBe(404);
    const cancelled = await request(`/api/v1/jobs/${job.jobId}`, { method: 'DELETE' });
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
  });

  it('auth failures, Host refusals, unknown routes and a server still starting all leave through the one handler', async () => {
    const noKey = await request('/api/v1/me/credits', {}, null);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toBe('Bearer realm="adengine"');
    expect(await noKey.json()).toEqual({
      error: {
        code: 'UNAUTHORIZED',
        message: 'a valid API key is required: send Authorization: Bearer <key>',
      },
    });
    expect((await request('/api/v1/me/credits', {}, 'ae_wrong')).status).toBe(401);
    const evil = await app.request('http://evil.example.com/api/v1/models', {
      headers: { host: 'evil.example.com' },
    });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const missing = await request('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const starting = await createStartingApp(createLogger('silent'), 'test').request('http://127.0.0.1/mcp');
    expect(starting.status).toBe(503);
    expect(starting.headers.get('retry-after')).toBe('1');
    expect(((await starting.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
  });
});
