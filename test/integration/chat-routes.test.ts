import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import { createLogger } from '../../src/logger.js';
import { inProcessToolSessions } from '../../src/main/in-process-tool-sessions.js';
import type { createHttpApp } from '../../src/server/http-app.js';
import { ScriptedStrandsModel, structuredTurn, toolTurn } from '../fakes/scripted-strands-model.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { testHttpApp } from '../support/http-config.js';
import { sampleMetaVariant } from '../support/sample-answers.js';

/** A scripted model whose script a test replaces. */
class Swappable extends ScriptedStrandsModel {
  current = new ScriptedStrandsModel([]);
  override stream(...args: Parameters<ScriptedStrandsModel['stream']>) {
    return this.current.stream(...args);
  }
}

describe('chat routes over the core', () => {
  const model = new Swappable([]);
  let h: CoreHarness;
  let app: ReturnType<typeof createHttpApp>['app'];
  let key: string;
  let otherKey: string;
  const request = (path: string, init: RequestInit = {}, bearer = key) =>
    app.request(`http://127.0.0.1${path}`, {
      ...init,
      headers: { host: '127.0.0.1', authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    });
  const money = () => h.core.readCredits(plainCaller(h.userId), { historyLimit: 0 });

  beforeAll(async () => {
    h = await createCoreHarness({ chatModel: model });
    h.deps.toolSessions = inProcessToolSessions({ core: () => h.core, logger: createLogger('silent') });
    key = (await h.core.issueApiKey(h.userId, 'chat')).key;
    otherKey = (await h.core.issueApiKey(h.otherUserId, 'chat')).key;
    app = testHttpApp(h.core).app;
  }, 120_000);
  afterAll(() => h?.close());

  it('validates bodies, naming the field', async () => {
    for (const [body, field] of [
      [{}, 'message'],
      [{ message: '' }, 'message'],
      [{ message: 'hi', conversationId: 7 }, 'conversationId'],
      [{ message: 'hi', maxCredits: 0 }, 'maxCredits'],
      [{ message: 'hi', extra: true }, 'extra'],
    ] as const) {
      for (const path of ['/api/v1/chat', '/api/v1/chat/sync']) {
        const response = await request(path, { method: 'POST', body: JSON.stringify(body) });
        expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.message).toContain(field);
      }
    }
    const missing = await request('/api/v1/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'hi', conversationId: 'nope' }),
    });
    expect(missing.status).toBe(404);
    expect((await request('/api/v1/conversations/nope')).status).toBe(404);
  });

  it('a client that disconnects stops the turn; it pays for the tool and the model call that completed', async () => {
    model.current = new ScriptedStrandsModel([
      toolTurn(
        [{ name: 'create_ad_creative', input: { product: 'Coffee', platforms: ['meta'], variants: 1 } }],
        {
          inputTokens: 1000,
          outputTokens: 50,
        },
      ),
      structuredTurn({ variants: [sampleMetaVariant] }, { inputTokens: 2000, outputTokens: 300 }),
      { kind: 'hang' },
    ]);
    const before = await money();
    const stop = new AbortController();
    const response = await request('/api/v1/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'Write a Meta ad for Coffee' }),
      signal: stop.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: tool_end')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toMatch(/^event: conversation\n/);
    const conversationId = (JSON.parse(/data: (.*)/.exec(text)?.[1] ?? '{}') as { conversationId: string })
      .conversationId;
    stop.abort();
    await reader.cancel().catch(() => undefined);
    // The turn settles by itself: the hold is released and the used part captured.
    const deadline = Date.now() + 10_000;
    let after = await money();
    while ((after.held > 0 || after.balance === before.balance) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await money();
    }
    expect(after.held).toBe(0);
    // create_ad_creative's model call (2000 in, 300 out: 3) and the orchestrator's first call (1000 in, 50 out: 2).
    expect(before.balance - after.balance).toBe(5);
    const view = (await (await request(`/api/v1/conversations/${conversationId}`)).json()) as {
      messages: { role: string; content: unknown[]; provider: string | null }[];
    };
    // Strands closes a cancelled turn with its own assistant message, which no model wrote.
    expect(view.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(view.messages.at(-1)).toMatchObject({ content: [{ text: 'Cancelled by user' }], provider: null });
    expect((await request(`/api/v1/conversations/${conversationId}`, {}, otherKey)).status).toBe(404);
    const listed = (await (await request('/api/v1/me/conversations', {}, otherKey)).json()) as {
      conversations: unknown[];
    };
    expect(listed.conversations).toEqual([]);
  });
});
