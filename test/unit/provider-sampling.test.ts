import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  type CreateMessageRequest,
  CreateMessageRequestSchema,
  ErrorCode,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { SdkError, SdkErrorCode } from '@modelcontextprotocol/server';
import { Agent, Message, type ModelStreamEvent, TextBlock } from '@strands-agents/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors/app-error.js';
import { type RequestSampling, SamplingChatModel } from '../../src/providers/sampling/sampling-chat-model.js';
import { describeChatModelContract } from '../contract/chat-model.contract.js';

/** A real MCP server and client over the SDK's in-memory transport; the client answers sampling. */
async function connectedPair(answer: (request: CreateMessageRequest) => Record<string, unknown>) {
  const server = new Server({ name: 'adengine-test', version: '0.0.0' }, { capabilities: {} });
  const client = new Client({ name: 'test-client', version: '0.0.0' }, { capabilities: { sampling: {} } });
  const received: CreateMessageRequest[] = [];
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    received.push(request);
    return answer(request) as never;
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  const requestSampling: RequestSampling = (params, signal) => server.createMessage(params, { signal });
  return {
    server,
    client,
    received,
    requestSampling,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

const reply = (text: string) => () => ({
  model: 'client-model-1',
  role: 'assistant',
  stopReason: 'endTurn',
  content: { type: 'text', text },
});

describeChatModelContract('client-sampling over MCP', async () => {
  const expectedText = 'Warm loaves, every morning.';
  const pair = await connectedPair(reply(expectedText));
  return {
    model: new SamplingChatModel({ clientSupportsSampling: true, requestSampling: pair.requestSampling }),
    expectedText,
    close: pair.close,
  };
});

describe('SamplingChatModel', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('sends the system prompt and conversation as sampling params and estimates usage, saying so', async () => {
    const pair = await connectedPair(reply('Bake it.'));
    close = pair.close;
    const model = new SamplingChatModel({
      clientSupportsSampling: true,
      requestSampling: pair.requestSampling,
      maxTokens: 300,
    });
    const events: ModelStreamEvent[] = [];
    const messages = [new Message({ role: 'user', content: [new TextBlock('Write a slogan for a bakery')] })];
    for await (const event of model.stream(messages, { systemPrompt: 'You write ads.' })) events.push(event);
    expect(pair.received[0]?.params).toMatchObject({
      systemPrompt: 'You write ads.',
      maxTokens: 300,
      messages: [{ role: 'user', content: { type: 'text', text: 'Write a slogan for a bakery' } }],
    });
    expect(events.find((event) => event.type === 'modelMetadataEvent')).toMatchObject({
      usage: { inputTokens: 11, outputTokens: 2, totalTokens: 13 },
      trace: { usageEstimated: true, clientModel: 'client-model-1' },
    });
    expect(model.lastUsageEstimated).toBe(true);
  });

  it('uses usage the client volunteers in _meta', async () => {
    const pair = await connectedPair(() => ({
      ...reply('Yes.')(),
      _meta: { usage: { inputTokens: 40, outputTokens: 2 } },
    }));
    close = pair.close;
    const agent = new Agent({
      model: new SamplingChatModel({ clientSupportsSampling: true, requestSampling: pair.requestSampling }),
      printer: false,
      retryStrategy: null,
    });
    const result = await agent.invoke('Agree?');
    expect(result.toString()).toContain('Yes.');
    expect(result.metrics?.accumulatedUsage).toMatchObject({ inputTokens: 40, outputTokens: 2 });
  });

  it('says the client lacks sampling and names what to configure', async () => {
    const model = new SamplingChatModel({ clientSupportsSampling: false });
    const error = await (async () => {
      for await (const _ of model.stream([])) void _;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    for (const setting of [
      'does not support sampling',
      'GEMINI_API_KEY',
      'AWS',
      'OPENAI_BASE_URL',
      'set_model_preferences',
    ]) {
      expect((error as AppError).message).toContain(setting);
    }
  });

  it('maps a client that refuses into a provider error, not a crash', async () => {
    const model = new SamplingChatModel({
      clientSupportsSampling: true,
      requestSampling: () =>
        Promise.reject(Object.assign(new Error('User rejected sampling request'), { code: -1 })),
    });
    await expect(
      (async () => {
        for await (const _ of model.stream([])) void _;
      })(),
    ).rejects.toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
  });

  // The v2 server (every leg since the 1.x one went) reports its own timeout as an SdkError.
  for (const [sdk, timedOut] of [
    ['1.x', new McpError(ErrorCode.RequestTimeout, 'Request timed out', { timeout: 300 })],
    ['v2', new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out', { timeout: 300 })],
  ] as const) {
    it(`maps the ${sdk} SDK's request timeout into TIMEOUT with the seconds waited, not retried`, async () => {
      const model = new SamplingChatModel({
        clientSupportsSampling: true,
        requestSampling: () => Promise.reject(timedOut),
      });
      const error = await (async () => {
        for await (const _ of model.stream([])) void _;
      })().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false });
      expect((error as AppError).message).toContain('within 0.3 s');
    });
  }
});
