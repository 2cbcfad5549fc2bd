import type { Model } from '@strands-agents/sdk';
import { Message, TextBlock } from '@strands-agents/sdk';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { createOpenAiChatModel } from '../../src/providers/openai-compatible/create-openai-chat-model.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import type { FakeFault } from '../fakes/gemini-fake-http.js';
import { OpenAiCompatibleFake } from '../fakes/openai-compatible-fake.js';

async function chat(model: Model, text: string, signal?: AbortSignal): Promise<string> {
  let answer = '';
  const message = new Message({ role: 'user', content: [new TextBlock(text)] });
  for await (const event of model.stream([message], signal ? { cancelSignal: signal } : {})) {
    if (event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta')
      answer += event.delta.text;
  }
  return answer;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let fake: OpenAiCompatibleFake;
beforeEach(async () => {
  fake = await OpenAiCompatibleFake.start();
});
afterEach(async () => {
  await fake.close();
});

function model(overrides: { apiKey?: string; modelName?: string } = {}): Promise<Model> {
  const config = fakeProviderConfig({
    openai: { baseUrl: fake.baseUrl, apiKey: overrides.apiKey ?? fake.apiKey },
  });
  return createOpenAiChatModel({
    settings: config.openai,
    modelName: overrides.modelName ?? 'qwen3-8b',
    maxTokens: 64,
  });
}

describe('OpenAI-compatible chat against faults of the fake', () => {
  const cases: { fault: FakeFault; code: string; retryable: boolean }[] = [
    { fault: { kind: 'throttle' }, code: 'RATE_LIMITED', retryable: true },
    { fault: { kind: 'server-error', status: 500 }, code: 'PROVIDER_ERROR', retryable: true },
    { fault: { kind: 'server-error', status: 503 }, code: 'PROVIDER_ERROR', retryable: true },
    { fault: { kind: 'malformed' }, code: 'PROVIDER_ERROR', retryable: false },
  ];
  for (const { fault, code, retryable } of cases) {
    it(`${fault.kind} ${'status' in fault ? fault.status : ''} → ${code}, retryable ${retryable}, exactly one request`, async () => {
      const subject = await model();
      fake.injectFaults(fault);
      const error = await failure(chat(subject, 'Hello'));
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(retryable);
      expect(fake.requests).toHaveLength(1);
      expect(await chat(subject, 'Hello again')).toBe('echo: Hello again');
    });
  }

  it('a wrong key is a non-retryable credentials failure that does not leak the key', async () => {
    const error = await failure(chat(await model({ apiKey: 'sk-wrong-42' }), 'Hello'));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/credentials/);
    expect(error.message).not.toContain('sk-wrong-42');
    expect(fake.requests[0]?.authorization).toBe('Bearer sk-wrong-42');
  });

  it('an unknown model is a non-retryable PROVIDER_ERROR; the server message is logged only', async () => {
    const error = await failure(chat(await model({ modelName: 'no-such-model' }), 'Hello'));
    expect([error.code, error.retryable]).toEqual(['PROVIDER_ERROR', false]);
    expect((error.details as { providerMessage?: string } | undefined)?.providerMessage).toContain(
      'no-such-model',
    );
  });

  it('cancelling during a slow answer ends in CANCELLED', async () => {
    fake.injectFaults({ kind: 'slow', delayMs: 30_000 });
    const subject = await model();
    const controller = new AbortController();
    const pending = chat(subject, 'Hello', controller.signal);
    while (fake.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect((await failure(pending)).code).toBe('CANCELLED');
  });

  it('streams with usage requested and the token limit set', async () => {
    await chat(await model(), 'Hi');
    expect(fake.requests[0]?.body).toMatchObject({
      model: 'qwen3-8b',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 64,
    });
  });

  it('sends "not-needed" as the key when none is configured', async () => {
    const config = fakeProviderConfig({ openai: { baseUrl: fake.baseUrl } });
    const subject = await createOpenAiChatModel({ settings: config.openai, modelName: 'qwen3-8b' });
    await failure(chat(subject, 'Hi'));
    expect(fake.requests[0]?.authorization).toBe('Bearer not-needed');
  });

  it('names OPENAI_BASE_URL when it is not configured', async () => {
    const error = await failure(
      createOpenAiChatModel({ settings: fakeProviderConfig({}).openai, modelName: 'x' }),
    );
    expect(error.code).toBe('PROVIDER_NOT_CONFIGURED');
    expect(error.message).toContain('OPENAI_BASE_URL');
  });
});

describe('the OpenAI-compatible fake itself, through the real openai client', () => {
  function client(apiKey = fake.apiKey): OpenAI {
    return new OpenAI({ baseURL: fake.baseUrl, apiKey, maxRetries: 0, organization: null, project: null });
  }

  it('answers stream: false with one JSON completion and its usage', async () => {
    const completion = await client().chat.completions.create({
      model: 'qwen3-8b',
      messages: [{ role: 'user', content: 'Yo' }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: Yo');
    expect(completion.usage).toEqual({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
  });

  it('streams without a usage chunk unless include_usage is asked', async () => {
    const stream = await client().chat.completions.create({
      model: 'qwen3-8b',
      messages: [{ role: 'user', content: 'Yo' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('echo: Yo');
  });

  it('rejects unknown fields and stream_options without stream', async () => {
    const extra = client().chat.completions.create({
      model: 'qwen3-8b',
      messages: [{ role: 'user', content: 'Yo' }],
      foo: 1,
    } as never);
    await expect(extra).rejects.toMatchObject({ status: 400 });
    const options = client().chat.completions.create({
      model: 'qwen3-8b',
      messages: [{ role: 'user', content: 'Yo' }],
      stream_options: { include_usage: true },
    });
    await expect(options).rejects.toMatchObject({ status: 400 });
  });
});
