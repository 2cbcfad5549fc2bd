import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BedrockFake, bedrockEnv, startBedrockFake } from '../fakes/bedrock-fake.js';
import { readSse } from '../support/sse-events.js';
import { baseEnv, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

describe('adengine chat and /api/v1/chat on the Bedrock stand-in', () => {
  let bedrock: BedrockFake;
  let env: Record<string, string>;
  let server: ServeProcess;
  let key = '';
  let otherKey = '';
  const email = 'chat@example.com';

  const api = (path: string, init: RequestInit = {}, bearer = key) =>
    fetch(`${server.baseUrl}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    });
  const balance = async () => ((await (await api('/me/credits')).json()) as { balance: number }).balance;

  beforeAll(async () => {
    bedrock = await startBedrockFake({ frameDelayMs: 15 });
    env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      ...bedrockEnv(bedrock),
      DEFAULT_CHAT_MODEL: 'claude-sonnet-4.6',
    });
    for (const [user, credits] of [
      [email, '100000'],
      ['other@example.com', '100'],
    ] as const) {
      const created = await runCli(['users', 'create', '--email', user, '--credits', credits], env);
      expect(created.code, created.stderr).toBe(0);
    }
    const keys = await Promise.all(
      [email, 'other@example.com'].map((user) => runCli(['--json', 'keys', 'create', '--user', user], env)),
    );
    [key = '', otherKey = ''] = keys.map((result) => (JSON.parse(result.stdout) as { key: string }).key);
    server = await startServe(env);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await bedrock?.close();
  });

  let conversationId = '';

  it('streams a turn that calls create_ad_creative through MCP and answers from its result', async () => {
    const before = await balance();
    const sent = Date.now();
    const response = await api('/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'An ad for bike locks: please call the tool create_ad_creative' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = await readSse(response);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('conversation');
    expect(names).toContain('tool_start');
    expect(names.at(-1)).toBe('done');
    const toolEnd = events.find((event) => event.event === 'tool_end');
    expect(toolEnd?.data).toMatchObject({ name: 'create_ad_creative', status: 'success' });
    const done = events.at(-1)?.data as {
      conversationId: string;
      answer: string;
      creditsCharged: number;
      toolCredits: number;
      usage: { inputTokens: number; outputTokens: number };
    };
    conversationId = done.conversationId;
    // The answer uses the tool's result (the stand-in quotes it), and the tokens spell it.
    expect(done.answer).toMatch(/From the tool: \{.*"variants"/);
    const tokens = events.filter((event) => event.event === 'token').map((event) => event.data.text);
    expect(tokens.join('')).toBe(done.answer);
    expect(done.toolCredits).toBeGreaterThan(0);
    expect(done.creditsCharged).toBeGreaterThan(done.toolCredits);
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(await balance()).toBe(before - done.creditsCharged);
    // Streamed, not buffered: the first token arrived while the stand-in was still writing the answer.
    const firstToken = events.find((event) => event.event === 'token')?.at ?? 0;
    const answerFinished = Math.max(...bedrock.streamsFinishedAt.filter((at) => at >= sent));
    expect(firstToken).toBeLessThan(answerFinished);
  });

  it('a second turn sends the first to the model; another user gets 404 for it', async () => {
    const response = await api('/chat/sync', {
      method: 'POST',
      body: JSON.stringify({ message: 'Shorter please', conversationId }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { conversationId: string; answer: string };
    expect(answer.conversationId).toBe(conversationId);
    const last = bedrock.requests.filter((request) => request.operation === 'converse-stream').at(-1)
      ?.body as { messages: { role: string; content: { text?: string; toolUse?: { name: string } }[] }[] };
    const texts = last.messages.flatMap((message) => message.content.map((block) => block.text ?? ''));
    expect(texts[0]).toContain('please call the tool create_ad_creative');
    expect(JSON.stringify(last.messages)).toContain('"name":"create_ad_creative"');
    expect(texts.at(-1)).toBe('Shorter please');

    expect((await api(`/conversations/${conversationId}`, {}, otherKey)).status).toBe(404);
    const stolen = await api(
      '/chat',
      { method: 'POST', body: JSON.stringify({ message: 'hi', conversationId }) },
      otherKey,
    );
    expect(stolen.status).toBe(404);
    const bad = await api('/chat', { method: 'POST', body: JSON.stringify({ message: 42 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/message/);
  });

  it('after a restart a third turn continues it, and adengine chat a fourth', async () => {
    await server.stop();
    server = await startServe(env);
    const response = await api('/chat/sync', {
      method: 'POST',
      body: JSON.stringify({ message: 'Third turn', conversationId }),
    });
    expect(response.status).toBe(200);
    const view = (await (await api(`/conversations/${conversationId}`)).json()) as {
      messages: { role: string; provider: string | null; model: string | null }[];
    };
    expect(view.messages.filter((message) => message.role === 'user')).toHaveLength(3);
    expect(view.messages.find((message) => message.role === 'assistant')).toMatchObject({
      provider: 'bedrock',
      model: 'claude-sonnet-4.6',
    });
    const listed = (await (await api('/me/conversations')).json()) as { conversations: { id: string }[] };
    expect(listed.conversations.map((conversation) => conversation.id)).toEqual([conversationId]);

    const human = await runCli(
      ['chat', 'Fourth turn', '--user', email, '--conversation', conversationId],
      env,
    );
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.trim()).toBe('Fresh coffee, delivered before your first meeting.');
    expect(human.stderr).toMatch(/credits \(turn \d+, tools 0\)/);
    const json = await runCli(
      [
        '--json',
        'chat',
        'please call the tool check_ad_copy',
        '--user',
        email,
        '--conversation',
        conversationId,
      ],
      env,
    );
    expect(json.code, json.stderr).toBe(0);
    const printed = JSON.parse(json.stdout) as {
      conversationId: string;
      answer: string;
      creditsCharged: number;
    };
    expect(printed.conversationId).toBe(conversationId);
    expect(printed.answer).toMatch(/From the tool:/);
    expect(json.stderr).toMatch(/\[tool\] check_ad_copy/);
  });

  it('refuses a client-sampling chat model with a 400 naming the fix', async () => {
    const set = await api(
      '/me/model-preferences',
      {
        method: 'PUT',
        body: JSON.stringify({ chatModel: 'client-sampling' }),
      },
      otherKey,
    );
    expect(set.status).toBe(200);
    const refused = await api(
      '/chat/sync',
      { method: 'POST', body: JSON.stringify({ message: 'hi' }) },
      otherKey,
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^chatModel: .*client-sampling/,
    );
  });
});
