import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BedrockFake, bedrockEnv, startBedrockFake } from '../fakes/bedrock-fake.js';
import { baseEnv, runCli, type ServeProcess, startServe, tempHome } from './support/cli-process.js';

interface StoredMessage {
  role: string;
  content: { text?: string }[];
  provider: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  credits: number | null;
}

/** claude-sonnet-4.6's price: credits per 1k input and output tokens. */
const inputPer1k = 3;
const outputPer1k = 15;
/** 80 words streamed 150 ms apart: the answer takes 12 s, so a client leaves long before its end. */
const longAnswer = Array.from({ length: 80 }, (_, index) => `word${index}`).join(' ');

describe('a chat client that leaves mid-answer pays for what the model used (Bedrock stand-in)', () => {
  let bedrock: BedrockFake;
  let server: ServeProcess;
  let key = '';

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
  const credits = async () =>
    (await (await api('/me/credits')).json()) as { balance: number; held: number; available: number };

  /** Waits until the turn has settled: nothing held, the balance moved. */
  async function settled(before: number) {
    const deadline = Date.now() + 15_000;
    let now = await credits();
    while ((now.held > 0 || now.balance === before) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      now = await credits();
    }
    return now;
  }

  async function stored(conversationId: string): Promise<StoredMessage[]> {
    const view = (await (await api(`/conversations/${conversationId}`)).json()) as {
      messages: StoredMessage[];
    };
    return view.messages;
  }

  /** The estimate's input side: the request's bytes / 4, which includes the tool specs the stand-in does not count. */
  function requestBytes(): number {
    return Buffer.byteLength(JSON.stringify(bedrock.requests.at(-1)?.body ?? {}));
  }

  beforeAll(async () => {
    bedrock = await startBedrockFake({ answer: longAnswer, frameDelayMs: 150 });
    const env = baseEnv({
      ADENGINE_HOME: await tempHome(),
      ...bedrockEnv(bedrock),
      DEFAULT_CHAT_MODEL: 'claude-sonnet-4.6',
    });
    const created = await runCli(
      ['users', 'create', '--email', 'leaver@example.com', '--credits', '1000'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    const keys = await runCli(['--json', 'keys', 'create', '--user', 'leaver@example.com'], env);
    key = (JSON.parse(keys.stdout) as { key: string }).key;
    server = await startServe(env);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await bedrock?.close();
  });

  it('SSE: the hold is released and the cut-short call is charged its input and the tokens streamed so far', async () => {
    const before = await credits();
    const stop = new AbortController();
    const response = await api('/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'Write me a long tagline', maxCredits: 200 }),
      signal: stop.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/event: token\n/g) ?? []).length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const seen = [...text.matchAll(/event: token\ndata: (.*)\n/g)].map(
      (match) => (JSON.parse(match[1] ?? '{}') as { text: string }).text,
    );
    expect(seen.length).toBeGreaterThanOrEqual(3);
    const conversationId = (JSON.parse(/data: (.*)/.exec(text)?.[1] ?? '{}') as { conversationId: string })
      .conversationId;
    stop.abort();
    await reader.cancel().catch(() => undefined);

    const after = await settled(before.balance);
    expect(after.held).toBe(0);
    const charged = before.balance - after.balance;
    expect(charged).toBeGreaterThan(0);
    expect(charged).toBeLessThanOrEqual(200);

    const messages = await stored(conversationId);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    const closing = messages[1] as StoredMessage;
    // The partial answer is kept, then Strands' closing words; the row carries the call's charge.
    const partial = closing.content[0]?.text ?? '';
    expect(partial.startsWith(seen.join(''))).toBe(true);
    expect(longAnswer.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(longAnswer.length);
    expect(closing.content[1]).toEqual({ text: 'Cancelled by user' });
    expect(closing).toMatchObject({ provider: 'bedrock', model: 'claude-sonnet-4.6', credits: charged });
    // Bedrock reports usage only at the end: the estimate is the request's bytes / 4 in, and the
    // larger of the streamed text's bytes / 4 and its deltas (one per word here) out.
    expect(closing.inputTokens).toBeGreaterThan(requestBytes() / 4 - 200);
    expect(closing.inputTokens).toBeLessThan(requestBytes() / 4 + 200);
    const words = partial.split(' ').filter((word) => word !== '').length;
    expect(closing.outputTokens).toBe(Math.max(words, Math.ceil(Buffer.byteLength(partial) / 4)));
    expect(charged).toBe(
      Math.ceil(((closing.inputTokens ?? 0) * inputPer1k + (closing.outputTokens ?? 0) * outputPer1k) / 1000),
    );
  }, 60_000);

  it('sync: a client that goes away mid-answer is charged the same way', async () => {
    const before = await credits();
    const calls = bedrock.streamTimings.length;
    const stop = new AbortController();
    const answered = api('/chat/sync', {
      method: 'POST',
      body: JSON.stringify({ message: 'Another long tagline' }),
      signal: stop.signal,
    }).catch((error: unknown) => error);
    // Leave once the stand-in has written about ten words (of 80, one per 150 ms).
    const deadline = Date.now() + 20_000;
    while (bedrock.streamTimings.length === calls && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop.abort();
    expect(await answered).toBeInstanceOf(Error);

    const after = await settled(before.balance);
    expect(after.held).toBe(0);
    const charged = before.balance - after.balance;
    expect(charged).toBeGreaterThan(0);
    const { conversations } = (await (await api('/me/conversations')).json()) as {
      conversations: { id: string }[];
    };
    const messages = await stored(conversations[0]?.id ?? '');
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    const closing = messages[1] as StoredMessage;
    expect(closing.credits).toBe(charged);
    expect(closing.outputTokens).toBeGreaterThan(0);
    expect(longAnswer.startsWith(closing.content[0]?.text ?? '')).toBe(true);
    expect(closing.content[1]).toEqual({ text: 'Cancelled by user' });
  }, 60_000);
});
