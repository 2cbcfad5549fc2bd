import type { Model } from '@strands-agents/sdk';
import { Message, TextBlock } from '@strands-agents/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { createGeminiChatModel } from '../../src/providers/gemini/create-gemini-chat-model.js';
import { createGeminiClient } from '../../src/providers/gemini/gemini-client.js';
import { GeminiFake } from '../fakes/gemini-fake.js';
import { fakeProviderConfig } from '../fakes/gemini-fake-config.js';
import type { FakeFault } from '../fakes/gemini-fake-http.js';

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

describe('Gemini chat against faults of the fake', () => {
  let fake: GeminiFake;
  beforeEach(async () => {
    fake = await GeminiFake.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  const cases: { fault: FakeFault; code: string; retryable: boolean; message: RegExp }[] = [
    { fault: { kind: 'throttle' }, code: 'RATE_LIMITED', retryable: true, message: /exhausted/ },
    {
      fault: { kind: 'server-error', status: 503 },
      code: 'PROVIDER_ERROR',
      retryable: true,
      message: /overloaded/,
    },
    {
      fault: { kind: 'server-error', status: 500 },
      code: 'PROVIDER_ERROR',
      retryable: true,
      message: /overloaded/,
    },
    { fault: { kind: 'malformed' }, code: 'PROVIDER_ERROR', retryable: false, message: /malformed/ },
  ];
  for (const streaming of [true, false]) {
    for (const { fault, code, retryable, message } of cases) {
      it(`${streaming ? 'streaming' : 'non-streaming'}: ${fault.kind} ${'status' in fault ? fault.status : ''} → ${code}, retryable ${retryable}, one request`, async () => {
        const model = await createGeminiChatModel({
          client: createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini),
          providerModelId: 'gemini-2.5-flash',
          streaming,
        });
        fake.injectFaults(fault);
        const error = await failure(chat(model, 'Hello'));
        expect(error.code).toBe(code);
        expect(error.retryable).toBe(retryable);
        // The API message reaches the server log only, never the client.
        expect((error.details as { providerMessage?: string } | undefined)?.providerMessage).toMatch(message);
        // (A malformed body has no API message: both say so in our own words.)
        if (fault.kind !== 'malformed') expect(error.message).not.toMatch(message);
        // The SDK must not retry on its own: retries live in the resilience layer only.
        expect(fake.requests).toHaveLength(1);
        // The next call is healthy again.
        expect(await chat(model, 'Hello again')).toBe('echo: Hello again');
      });
    }
  }

  it('a wrong API key is a non-retryable credentials failure that does not leak the key', async () => {
    const model = await createGeminiChatModel({
      client: createGeminiClient(
        fakeProviderConfig({ gemini: { baseUrl: fake.baseUrl, apiKey: 'wrong-key-123' } }).gemini,
      ),
      providerModelId: 'gemini-2.5-flash',
    });
    const error = await failure(chat(model, 'Hello'));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/credentials/);
    expect(error.message).not.toContain('wrong-key-123');
    expect(fake.requests[0]?.apiKey).toBe('wrong-key-123');
  });

  it('an unknown model is a non-retryable PROVIDER_ERROR carrying the API message', async () => {
    const model = await createGeminiChatModel({
      client: createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini),
      providerModelId: 'gemini-9-ultra',
    });
    const error = await failure(chat(model, 'Hello'));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.retryable).toBe(false);
    expect((error.details as { providerMessage?: string } | undefined)?.providerMessage).toMatch(
      /models\/gemini-9-ultra is not found/,
    );
    expect(error.message).not.toMatch(/is not found/);
  });

  it('a slow answer still arrives when nobody cancels', async () => {
    fake.injectFaults({ kind: 'slow', delayMs: 200 });
    const model = await createGeminiChatModel({
      client: createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini),
      providerModelId: 'gemini-2.5-pro',
    });
    expect(await chat(model, 'patience')).toBe('echo: patience');
  });

  it('cancelling during a slow answer ends in CANCELLED', async () => {
    fake.injectFaults({ kind: 'slow', delayMs: 30_000 });
    const model = await createGeminiChatModel({
      client: createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini),
      providerModelId: 'gemini-2.5-flash',
    });
    const controller = new AbortController();
    const pending = chat(model, 'Hello', controller.signal);
    while (fake.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const error = await failure(pending);
    expect(error.code).toBe('CANCELLED');
  });

  it('sends the key in x-goog-api-key and the system prompt and token limit in the body', async () => {
    const model = await createGeminiChatModel({
      client: createGeminiClient(fakeProviderConfig({ gemini: fake }).gemini),
      providerModelId: 'gemini-2.5-flash',
      maxTokens: 77,
      temperature: 0.3,
    });
    const message = new Message({ role: 'user', content: [new TextBlock('Hi')] });
    for await (const _event of model.stream([message], { systemPrompt: 'Be brief.' })) {
      // drain
    }
    const request = fake.requests[0];
    expect(request?.apiKey).toBe(fake.apiKey);
    expect(request?.body).toMatchObject({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 77, temperature: 0.3 },
    });
  });
});

describe('createGeminiClient', () => {
  it('names GEMINI_API_KEY when no key is configured', () => {
    let error: unknown;
    try {
      createGeminiClient(fakeProviderConfig({}).gemini);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PROVIDER_NOT_CONFIGURED');
    expect((error as AppError).message).toContain('GEMINI_API_KEY');
  });
});
