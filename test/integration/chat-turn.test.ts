import { afterEach, describe, expect, it } from 'vitest';
import { plainCaller } from '../../src/core/caller.js';
import type { ChatEvent } from '../../src/core/chat-turn.js';
import { createCore } from '../../src/core/create-core.js';
import { createLogger } from '../../src/logger.js';
import { inProcessToolSessions } from '../../src/main/in-process-tool-sessions.js';
import { ScriptedStrandsModel, structuredTurn, textTurn, toolTurn } from '../fakes/scripted-strands-model.js';
import { appErrorOf } from '../support/app-error-of.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { sampleMetaVariant } from '../support/sample-answers.js';

const adRequest = { product: 'Coffee', platforms: ['meta'], variants: 1, includeImage: false };

async function start(model: ScriptedStrandsModel, credits?: number): Promise<CoreHarness> {
  const harness = await createCoreHarness({
    chatModel: model,
    ...(credits === undefined ? {} : { credits }),
  });
  harness.deps.toolSessions = inProcessToolSessions({
    core: () => harness.core,
    logger: createLogger('silent'),
  });
  return harness;
}

async function balance(harness: CoreHarness): Promise<number> {
  return (await harness.core.readCredits(plainCaller(harness.userId), { historyLimit: 0 })).balance;
}

describe('chat turn: the orchestrator on our own MCP tools', () => {
  let harness: CoreHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('calls create_ad_creative through MCP, answers from it, stores the turn and charges what done reports', async () => {
    const model = new ScriptedStrandsModel([
      toolTurn([{ name: 'create_ad_creative', input: adRequest }], { inputTokens: 1000, outputTokens: 50 }),
      structuredTurn({ variants: [sampleMetaVariant] }, { inputTokens: 2000, outputTokens: 300 }),
      textTurn('Your ad: Fresh coffee weekly.', { inputTokens: 3000, outputTokens: 40 }),
      textTurn('It costs nothing more.', { inputTokens: 3500, outputTokens: 20 }),
    ]);
    harness = await start(model);
    const caller = plainCaller(harness.userId);
    const before = await balance(harness);
    const events: ChatEvent[] = [];
    const first = await harness.core.chatTurn(caller, { message: 'Write a Meta ad for Coffee' }, (event) =>
      events.push(event),
    );
    expect(events[0]).toMatchObject({ type: 'conversation', created: true });
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['tool_start', 'tool_end', 'token']),
    );
    const toolEnd = events.find((event) => event.type === 'tool_end');
    expect(toolEnd).toMatchObject({ name: 'create_ad_creative', status: 'success' });
    // 2000 in at 1, 300 out at 2 per 1k: 2.6 → 3 credits for the tool's own model call.
    expect(first.toolCredits).toBe(3);
    // 1000+3000 in, 50+40 out: 4 + 0.18 → 5 credits for the orchestrator's two model calls.
    expect(first.turnCredits).toBe(5);
    expect(first.creditsCharged).toBe(8);
    expect(first.answer).toBe('Your ad: Fresh coffee weekly.');
    expect(first.usage).toEqual({ inputTokens: 4000, outputTokens: 90 });
    expect(await balance(harness)).toBe(before - first.creditsCharged);
    // The agent saw our MCP tools, the same list an MCP client gets.
    expect(model.calls[0]?.toolNames).toEqual(
      expect.arrayContaining(['create_ad_creative', 'generate_image']),
    );
    expect(model.calls[2]?.messages.at(-1)?.toolResults).toEqual(['success']);

    const second = await harness.core.chatTurn(caller, {
      message: 'And the price?',
      conversationId: first.conversationId,
    });
    expect(second.conversationId).toBe(first.conversationId);
    const sent = model.calls[3]?.messages ?? [];
    expect(sent[0]?.text).toBe('Write a Meta ad for Coffee');
    expect(sent.some((message) => message.toolUses.includes('create_ad_creative'))).toBe(true);
    expect(sent.at(-1)?.text).toBe('And the price?');

    const stored = await harness.core.readConversation(caller, first.conversationId);
    expect(stored.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(stored.messages[1]).toMatchObject({ provider: 'test', model: 'test-chat', inputTokens: 1000 });
    expect(JSON.stringify(stored.messages[2]?.content)).toContain('Fresh coffee weekly');
    const listed = await harness.core.listConversations(caller);
    expect(listed.conversations.map((conversation) => conversation.id)).toEqual([first.conversationId]);

    const other = plainCaller(harness.otherUserId);
    expect((await appErrorOf(harness.core.readConversation(other, first.conversationId))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (
        await appErrorOf(
          harness.core.chatTurn(other, { message: 'hi', conversationId: first.conversationId }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('continues a conversation in a new process (a fresh core on the same database)', async () => {
    const model = new ScriptedStrandsModel([textTurn('Hello.'), textTurn('Again.')]);
    harness = await start(model);
    const caller = plainCaller(harness.userId);
    const first = await harness.core.chatTurn(caller, { message: 'Hi there' });
    const restarted = createCore({ ...harness.deps });
    const next = await restarted.chatTurn(caller, {
      message: 'Still there?',
      conversationId: first.conversationId,
    });
    expect(next.answer).toBe('Again.');
    expect(model.calls[1]?.messages.map((message) => message.text)).toEqual([
      'Hi there',
      'Hello.',
      'Still there?',
    ]);
  });

  it('continues a conversation after a change of model preference, recording each answer’s model', async () => {
    const model = new ScriptedStrandsModel([
      textTurn('On the test model.'),
      textTurn('On the Claude-priced one.'),
    ]);
    // Claude prices: the tool specs alone are ~20 kB of input a model call, so give it room.
    harness = await start(model, 10_000);
    const caller = plainCaller(harness.userId);
    const first = await harness.core.chatTurn(caller, { message: 'First' });
    await harness.core.setPreferences(caller, { chatModel: 'test-claude' });
    const second = await harness.core.chatTurn(caller, {
      message: 'Second',
      conversationId: first.conversationId,
    });
    expect(second.model).toEqual({ provider: 'test', id: 'test-claude' });
    expect(model.calls[1]?.messages.map((message) => message.text)).toEqual([
      'First',
      'On the test model.',
      'Second',
    ]);
    const stored = await harness.core.readConversation(caller, first.conversationId);
    expect(
      stored.messages.filter((message) => message.role === 'assistant').map((message) => message.model),
    ).toEqual(['test-chat', 'test-claude']);
  });

  it('a turn the balance cannot pay for fails with its own code, charging nothing', async () => {
    harness = await start(new ScriptedStrandsModel([]), 68);
    const caller = plainCaller(harness.userId);
    await harness.core.setPreferences(caller, { chatModel: 'test-claude' });
    const error = await appErrorOf(harness.core.chatTurn(caller, { message: 'Hi' }));
    expect(error.code).toBe('INSUFFICIENT_CREDITS');
    expect(error.message).toMatch(/your available balance/);
    expect(await balance(harness)).toBe(68);
  });

  it('a caller that leaves mid-turn stops it and pays only for what completed', async () => {
    const model = new ScriptedStrandsModel([
      toolTurn([{ name: 'create_ad_creative', input: adRequest }], { inputTokens: 1000, outputTokens: 50 }),
      structuredTurn({ variants: [sampleMetaVariant] }, { inputTokens: 2000, outputTokens: 300 }),
      { kind: 'hang' },
    ]);
    harness = await start(model);
    const stop = new AbortController();
    const caller = plainCaller(harness.userId, stop.signal);
    const result = await harness.core.chatTurn(caller, { message: 'Write a Meta ad for Coffee' }, (event) => {
      if (event.type === 'tool_end') setTimeout(() => stop.abort(), 20);
    });
    expect(result.stopped).toBe(true);
    // The finished tool (3) and the orchestrator's first model call (1000 in, 50 out: 2); the call in
    // progress when the client left is not charged.
    expect(result).toMatchObject({ toolCredits: 3, turnCredits: 2, creditsCharged: 5 });
    expect(await balance(harness)).toBe(95);
    const money = await harness.core.readCredits(caller, { historyLimit: 0 });
    expect(money.held).toBe(0);
  });
});
