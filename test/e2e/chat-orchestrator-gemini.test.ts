import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { readSse } from '../support/sse-events.js';
import { baseEnv, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

describe('/api/v1/chat on the Gemini stand-in', () => {
  let gemini: GeminiFake;
  let server: ServeProcess;
  let key = '';
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  const balance = async () => ((await (await api('/me/credits')).json()) as { balance: number }).balance;

  beforeAll(async () => {
    gemini = await GeminiFake.start();
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      GEMINI_API_KEY: gemini.apiKey,
      GEMINI_BASE_URL: gemini.baseUrl,
      DEFAULT_CHAT_MODEL: 'gemini-3.5-flash',
    });
    const created = await runCli(['users', 'create', '--email', 'g@example.com', '--credits', '100000'], env);
    expect(created.code, created.stderr).toBe(0);
    key = (
      JSON.parse((await runCli(['--json', 'keys', 'create', '--user', 'g@example.com'], env)).stdout) as {
        key: string;
      }
    ).key;
    server = await startServe(env);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await gemini?.close();
  });

  it('a turn calls create_ad_creative through MCP, answers from it, and a second turn sends the first', async () => {
    const before = await balance();
    const response = await api('/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'An ad for bike locks: please call the tool create_ad_creative' }),
    });
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(events.find((event) => event.event === 'tool_end')?.data).toMatchObject({
      name: 'create_ad_creative',
      status: 'success',
    });
    const done = events.at(-1);
    expect(done?.event, JSON.stringify(done?.data)).toBe('done');
    const result = done?.data as { conversationId: string; answer: string; creditsCharged: number };
    expect(result.answer).toMatch(/From the tool: .*variants/);
    expect(result.creditsCharged).toBeGreaterThan(0);
    expect(await balance()).toBe(before - result.creditsCharged);

    const second = await api('/chat/sync', {
      method: 'POST',
      body: JSON.stringify({ message: 'Shorter please', conversationId: result.conversationId }),
    });
    expect(second.status).toBe(200);
    const sent = JSON.stringify(gemini.requests.at(-1)?.body);
    expect(sent).toContain('please call the tool create_ad_creative');
    expect(sent).toContain('functionResponse');
  });
});
