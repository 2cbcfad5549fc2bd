import type { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { createLogger } from '../../src/logger.js';
import { inProcessToolSessions } from '../../src/main/in-process-tool-sessions.js';
import { createModelRegistry } from '../../src/providers/model-registry.js';
import type { ProviderModule } from '../../src/providers/provider-module.js';
import type { createHttpApp } from '../../src/server/http-app.js';
import {
  cancelJobRoute,
  estimateRoute,
  getBrandKitRoute,
  getPreferencesRoute,
  listAssetsRoute,
  listModelsRoute,
  readCreditsRoute,
  readJobRoute,
} from '../../src/server/routes/api-route-definitions.js';
import {
  chatSyncRoute,
  listConversationsRoute,
  readConversationRoute,
} from '../../src/server/routes/chat-route-definitions.js';
import { chatStreamEventSchema } from '../../src/server/routes/rest-schemas.js';
import { configFrom } from '../fakes/scripted-config.js';
import { ScriptedStrandsModel, textTurn } from '../fakes/scripted-strands-model.js';
import { type CoreHarness, createCoreHarness, testModels } from '../support/core-harness.js';
import { testHttpApp } from '../support/http-config.js';

type ErrorBody = { error: { code: string; message: string } };

/** The zod schema a route documents for its 200 answer. */
function documented(route: { responses: Record<number, unknown> }): z.ZodType {
  const answer = route.responses[200] as { content: { 'application/json': { schema: z.ZodType } } };
  return answer.content['application/json'].schema;
}

/**
 * Every REST route over the core harness: keys, other users' objects, bodies that name the
 * field, model preferences, and answers that match the schemas the OpenAPI document shows.
 */
describe('REST API routes', () => {
  let h: CoreHarness;
  let app: ReturnType<typeof createHttpApp>['app'];
  let key: string;
  let otherKey: string;
  const request = (
    path: string,
    init: RequestInit & { contentType?: string } = {},
    bearer: string | null = key,
  ) =>
    app.request(`http://127.0.0.1${path}`, {
      ...init,
      headers: {
        host: '127.0.0.1',
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(init.body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' }),
      },
    });
  const send = (method: string, path: string, body: unknown, bearer: string | null = key) =>
    request(path, { method, body: JSON.stringify(body) }, bearer);
  const refusal = async (response: Response, status: number) => {
    expect(response.status).toBe(status);
    return ((await response.json()) as ErrorBody).error;
  };

  beforeAll(async () => {
    const chat = new ScriptedStrandsModel(
      Array.from({ length: 10 }, () => textTurn('Hello from the test model')),
    );
    h = await createCoreHarness({ chatModel: chat, credits: 1000 });
    h.deps.toolSessions = inProcessToolSessions({ core: () => h.core, logger: createLogger('silent') });
    key = (await h.core.issueApiKey(h.userId, 'rest')).key;
    otherKey = (await h.core.issueApiKey(h.otherUserId, 'rest')).key;
    app = testHttpApp(h.core).app;
  }, 120_000);
  afterAll(() => h?.close());

  it('every /api/v1 route of the app but the document is 401 without a key and with a wrong one', async () => {
    const routes = app.routes.filter(
      (route) => route.path.startsWith('/api/v1/') && !route.path.includes('*') && route.method !== 'ALL',
    );
    // The spec's table: 13 REST routes beside the public document.
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const route of routes) {
      const path = route.path.replace(':id', '00000000-0000-4000-8000-000000000000');
      const body = ['POST', 'PUT'].includes(route.method) ? JSON.stringify({}) : undefined;
      const init = { method: route.method, ...(body === undefined ? {} : { body }) };
      if (route.path === '/api/v1/openapi.json') {
        expect((await request(path, init, null)).status).toBe(200);
        continue;
      }
      for (const bearer of [null, 'ae_not-a-key', `${key}x`]) {
        const response = await request(path, init, bearer);
        expect(
          response.status,
          `${route.method} ${route.path} with ${bearer === null ? 'no key' : 'a wrong key'}`,
        ).toBe(401);
        expect(((await response.json()) as ErrorBody).error.code).toBe('UNAUTHORIZED');
      }
    }
  });

  it('bad bodies and queries are 400 INVALID_INPUT naming the field', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['PUT', '/api/v1/me/model-preferences', { chatModel: 5 }, 'chatModel'],
      ['PUT', '/api/v1/me/model-preferences', { chatModel: '' }, 'chatModel'],
      ['PUT', '/api/v1/me/model-preferences', { audioModel: 'x' }, 'audioModel'],
      ['PUT', '/api/v1/me/brand-kit', { colors: ['red'] }, 'colors'],
      ['PUT', '/api/v1/me/brand-kit', { bannedWords: 'cheap' }, 'bannedWords'],
      ['POST', '/api/v1/estimate', { tool: 'list_models' }, 'tool'],
      ['POST', '/api/v1/estimate', { tool: 'generate_image', arguments: { prompt: 'x', count: 9 } }, 'count'],
      ['POST', '/api/v1/chat', { message: 'hi', maxCredits: 0 }, 'maxCredits'],
      ['POST', '/api/v1/chat/sync', { message: '' }, 'message'],
      ['POST', '/api/v1/chat/sync', { message: 'hi', conversationId: 7 }, 'conversationId'],
    ];
    for (const [method, path, body, field] of cases) {
      const error = await refusal(await send(method, path, body), 400);
      expect(error.code, `${method} ${path} ${JSON.stringify(body)}`).toBe('INVALID_INPUT');
      expect(error.message, `${method} ${path} ${JSON.stringify(body)}`).toContain(field);
      expect(error.message).toMatch(/^(body|arguments for \w+) is invalid: /);
    }
    for (const [path, field] of [
      ['/api/v1/models?kind=audio', 'kind'],
      ['/api/v1/me/assets?limit=0', 'limit'],
      ['/api/v1/me/assets?kind=sound', 'kind'],
      ['/api/v1/me/conversations?limit=many', 'limit'],
    ] as const) {
      const error = await refusal(await request(path), 400);
      expect([error.code, error.message]).toEqual([
        'INVALID_INPUT',
        expect.stringMatching(`^query is invalid: ${field}: `),
      ]);
    }
    const tooLong = await refusal(await request(`/api/v1/jobs/${'j'.repeat(201)}`), 400);
    expect(tooLong.message).toMatch(/^path is invalid: id: /);
    const notJson = await refusal(
      await request('/api/v1/me/brand-kit', { method: 'PUT', body: '{"name":' }),
      400,
    );
    expect(notJson).toEqual({ code: 'INVALID_INPUT', message: 'body: must be JSON' });
    const plainText = await refusal(
      await request('/api/v1/chat/sync', {
        method: 'POST',
        body: '{"message":"hi"}',
        contentType: 'text/plain',
      }),
      400,
    );
    expect(plainText.message).toContain('Content-Type: application/json');
    // A media type with parameters is still JSON: the body is validated, never read as empty.
    const charset = await request('/api/v1/me/brand-kit', {
      method: 'PUT',
      body: JSON.stringify({ colors: ['red'] }),
      contentType: 'application/json; charset=utf-8',
    });
    expect((await refusal(charset, 400)).message).toContain('colors');
  });

  it('model preferences round-trip and refuse unknown, unconfigured and retired models, changing nothing', async () => {
    // The real catalogue's Bedrock rows served (nova-canvas is retired), Gemini's listed but not configured.
    const module = (name: string, missing: string[]): ProviderModule => ({
      name,
      settings: () => ({}),
      missing: () => missing,
      adapters: () => ({}),
    });
    const registry = createModelRegistry({
      config: configFrom({
        DEFAULT_CHAT_MODEL: 'test-chat',
        DEFAULT_IMAGE_MODEL: 'test-image',
        DEFAULT_VIDEO_MODEL: 'test-video',
      }),
      modules: [module('test', []), module('bedrock', []), module('gemini', ['GEMINI_API_KEY'])],
      extraEntries: testModels,
      now: h.clock.now,
      sleep: async () => undefined,
    });
    const harnessModels = h.deps.models;
    h.deps.models = async () => registry;
    try {
      await preferencesRoundTrip();
    } finally {
      h.deps.models = harnessModels;
    }
  });

  async function preferencesRoundTrip() {
    const set = await send('PUT', '/api/v1/me/model-preferences', {
      chatModel: 'test-claude',
      imageModel: 'test-image',
    });
    expect(set.status).toBe(200);
    const expected = { chatModel: 'test-claude', imageModel: 'test-image', videoModel: null };
    expect(documented(getPreferencesRoute).parse(await set.json())).toMatchObject(expected);
    expect(await (await request('/api/v1/me/model-preferences')).json()).toMatchObject(expected);

    const unknown = await refusal(
      await send('PUT', '/api/v1/me/model-preferences', { chatModel: 'no-such-model' }),
      400,
    );
    expect([unknown.code, unknown.message]).toEqual([
      'INVALID_INPUT',
      expect.stringContaining('chatModel: "no-such-model"'),
    ]);
    const wrongKind = await refusal(
      await send('PUT', '/api/v1/me/model-preferences', { imageModel: 'test-video' }),
      400,
    );
    expect(wrongKind.message).toContain('imageModel');
    const unconfigured = await refusal(
      await send('PUT', '/api/v1/me/model-preferences', { chatModel: 'gemini-3.5-flash' }),
      503,
    );
    expect([unconfigured.code, unconfigured.message]).toEqual([
      'PROVIDER_NOT_CONFIGURED',
      expect.stringContaining('chatModel: gemini-3.5-flash is not configured'),
    ]);
    const retiredImage = await refusal(
      await send('PUT', '/api/v1/me/model-preferences', { imageModel: 'nova-canvas' }),
      400,
    );
    expect(retiredImage.message).toBe(
      'imageModel: nova-canvas was retired on 2026-09-30; use stable-image-core',
    );
    const retiredChat = await refusal(
      await send('PUT', '/api/v1/me/model-preferences', { chatModel: 'gemini-2.5-flash' }),
      400,
    );
    expect(retiredChat.message).toContain('use gemini-3.5-flash');
    expect(await (await request('/api/v1/me/model-preferences')).json()).toMatchObject(expected);

    expect((await send('PUT', '/api/v1/me/model-preferences', { chatModel: null })).status).toBe(200);
    expect(await (await request('/api/v1/me/model-preferences')).json()).toMatchObject({
      ...expected,
      chatModel: null,
    });
    // Another user's preferences are their own.
    expect(await (await request('/api/v1/me/model-preferences', {}, otherKey)).json()).toMatchObject({
      chatModel: null,
      imageModel: null,
      videoModel: null,
    });
  }

  it('another user’s job and conversation are 404; the asset list shows only one’s own', async () => {
    const job = await h.core.startVideoJob(plainCaller(h.userId), {
      prompt: 'rain',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    for (const method of ['GET', 'DELETE']) {
      const error = await refusal(await request(`/api/v1/jobs/${job.jobId}`, { method }, otherKey), 404);
      expect(error.code).toBe('NOT_FOUND');
    }
    expect(((await (await request(`/api/v1/jobs/${job.jobId}`)).json()) as { status: string }).status).toBe(
      'running',
    );

    const turn = await send('POST', '/api/v1/chat/sync', { message: 'Say hello' });
    expect(turn.status).toBe(200);
    const { conversationId } = documented(chatSyncRoute).parse(await turn.json()) as {
      conversationId: string;
    };
    expect(
      (await refusal(await request(`/api/v1/conversations/${conversationId}`, {}, otherKey), 404)).code,
    ).toBe('NOT_FOUND');
    const continued = await refusal(
      await send('POST', '/api/v1/chat/sync', { message: 'again', conversationId }, otherKey),
      404,
    );
    expect(continued.code).toBe('NOT_FOUND');
    const streamed = await refusal(
      await send('POST', '/api/v1/chat', { message: 'again', conversationId }, otherKey),
      404,
    );
    expect(streamed.code).toBe('NOT_FOUND');
    const theirs = (await (await request('/api/v1/me/conversations', {}, otherKey)).json()) as {
      conversations: unknown[];
    };
    expect(theirs.conversations).toEqual([]);

    const [mine] = (
      await h.core.generateImages(plainCaller(h.userId), { prompt: 'a kite', aspectRatio: '1:1', count: 1 })
    ).assets;
    const [other] = (
      await h.core.generateImages(plainCaller(h.otherUserId), {
        prompt: 'a boat',
        aspectRatio: '1:1',
        count: 1,
      })
    ).assets;
    const ids = async (bearer: string) =>
      (
        (await (await request('/api/v1/me/assets?kind=image', {}, bearer)).json()) as {
          assets: Array<{ assetId: string }>;
        }
      ).assets.map((asset) => asset.assetId);
    expect(await ids(key)).toEqual([mine?.assetId]);
    expect(await ids(otherKey)).toEqual([other?.assetId]);
  });

  it('every 200 answer matches the schema the OpenAPI document shows for it', async () => {
    const job = await h.core.startVideoJob(plainCaller(h.userId), {
      prompt: 'snow',
      durationSeconds: 2,
      aspectRatio: '16:9',
    });
    const turn = (await (await send('POST', '/api/v1/chat/sync', { message: 'Hello' })).json()) as {
      conversationId: string;
    };
    const reads: Array<[{ responses: Record<number, unknown> }, Response | Promise<Response>]> = [
      [listModelsRoute, request('/api/v1/models')],
      [getPreferencesRoute, request('/api/v1/me/model-preferences')],
      [getBrandKitRoute, request('/api/v1/me/brand-kit')],
      [getBrandKitRoute, send('PUT', '/api/v1/me/brand-kit', { name: 'Kite Co', colors: ['#112233'] })],
      [readCreditsRoute, request('/api/v1/me/credits')],
      [listAssetsRoute, request('/api/v1/me/assets?limit=2')],
      [
        estimateRoute,
        send('POST', '/api/v1/estimate', { tool: 'generate_image', arguments: { prompt: 'x' } }),
      ],
      [readJobRoute, request(`/api/v1/jobs/${job.jobId}`)],
      [cancelJobRoute, request(`/api/v1/jobs/${job.jobId}`, { method: 'DELETE' })],
      [listConversationsRoute, request('/api/v1/me/conversations?limit=5')],
      [readConversationRoute, request(`/api/v1/conversations/${turn.conversationId}`)],
    ];
    for (const [route, answer] of reads) {
      const response = await answer;
      expect(response.status, response.url).toBe(200);
      const parsed = documented(route).safeParse(await response.json());
      expect(parsed.error, response.url).toBeUndefined();
    }
    const stream = await send('POST', '/api/v1/chat', { message: 'Hi' });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const decoded = (await stream.text())
      .split('\n\n')
      .filter((chunk) => chunk.trim() !== '')
      .map((chunk) => ({
        event: /^event: (.*)$/m.exec(chunk)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] ?? 'null') as unknown,
      }));
    const events = decoded.map((event) => event.event);
    expect(events[0]).toBe('conversation');
    expect(events.at(-1)).toBe('done');
    // Every event is what the OpenAPI document says a chat event is.
    for (const event of decoded)
      expect(chatStreamEventSchema.safeParse(event).error, event.event).toBeUndefined();
    expect(chatStreamEventSchema.safeParse({ event: 'token', data: { words: 'x' } }).success).toBe(false);
  });
});
