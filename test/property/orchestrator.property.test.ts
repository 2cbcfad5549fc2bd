import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrchestratorAgent } from '../../src/agents/orchestrator-agent.js';
import { orchestratorSystemPrompt } from '../../src/agents/prompts/orchestrator-prompt.js';
import { plainCaller } from '../../src/core/caller.js';
import type { ChatEvent } from '../../src/core/chat-turn.js';
import { createCore } from '../../src/core/create-core.js';
import { createLogger } from '../../src/logger.js';
import { inProcessToolSessions } from '../../src/main/in-process-tool-sessions.js';
import {
  ScriptedStrandsModel,
  type ScriptedTurn,
  textTurn,
  toolTurn,
} from '../fakes/scripted-strands-model.js';
import { appErrorOf } from '../support/app-error-of.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';

/** A scripted model whose script each run replaces. */
class Swappable extends ScriptedStrandsModel {
  current = new ScriptedStrandsModel([]);
  override stream(...args: Parameters<ScriptedStrandsModel['stream']>) {
    return this.current.stream(...args);
  }
}

const freeCalls = [
  { name: 'get_credit_balance', input: {} },
  { name: 'check_ad_copy', input: { platform: 'meta', headline: 'Fresh coffee weekly' } },
  { name: 'list_models', input: { kind: 'chat' } },
];

describe('orchestrator properties (design 10–12)', () => {
  const model = new Swappable([]);
  let harness: CoreHarness;
  beforeAll(async () => {
    harness = await createCoreHarness({ chatModel: model, credits: 1_000_000 });
    harness.deps.toolSessions = inProcessToolSessions({
      core: () => harness.core,
      logger: createLogger('silent'),
    });
  }, 60_000);
  afterAll(async () => harness?.close());

  it('11: several tool rounds, their results, then an answer that follows them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.constantFrom(...freeCalls), { minLength: 1, maxLength: 2 }), {
          minLength: 1,
          maxLength: 3,
        }),
        async (rounds) => {
          const script: ScriptedTurn[] = [
            ...rounds.map((calls) => toolTurn(calls, { inputTokens: 100, outputTokens: 10 })),
            textTurn('done with the tools', { inputTokens: 100, outputTokens: 10 }),
          ];
          model.current = new ScriptedStrandsModel(script);
          const events: ChatEvent[] = [];
          const result = await harness.core.chatTurn(
            plainCaller(harness.userId),
            { message: 'check things' },
            (event) => events.push(event),
          );
          const total = rounds.flat().length;
          expect(events.filter((event) => event.type === 'tool_start')).toHaveLength(total);
          const ends = events.filter((event) => event.type === 'tool_end');
          expect(ends.map((event) => event.type === 'tool_end' && event.status)).toEqual(
            Array(total).fill('success'),
          );
          expect(result.answer).toBe('done with the tools');
          expect(model.current.remainingTurns).toBe(0);
          // The answering call saw every round's results, each right after its calls.
          const last = model.current.calls.at(-1)?.messages ?? [];
          expect(last.flatMap((message) => message.toolResults)).toHaveLength(total);
          const stored = await harness.core.readConversation(
            plainCaller(harness.userId),
            result.conversationId,
          );
          expect(stored.messages).toHaveLength(2 + 2 * rounds.length);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('10: a conversation carries across turns and restarts (a fresh core each time it is asked)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ text: fc.string({ minLength: 1, maxLength: 30 }), restart: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (turns) => {
          let core = harness.core;
          let conversationId: string | undefined;
          const said: string[] = [];
          for (const [index, turn] of turns.entries()) {
            if (turn.restart) core = createCore({ ...harness.deps });
            model.current = new ScriptedStrandsModel([textTurn(`answer ${index}`)]);
            const result = await core.chatTurn(plainCaller(harness.userId), {
              message: `q${index}:${turn.text}`,
              conversationId,
            });
            conversationId = result.conversationId;
            said.push(`q${index}:${turn.text}`, `answer ${index}`);
            expect(model.current.calls[0]?.messages.map((message) => message.text)).toEqual(
              said.slice(0, -1),
            );
          }
        },
      ),
      { numRuns: 6 },
    );
  });

  it('12: a bad configuration fails with the field named, before any model is called', async () => {
    const scripted = new ScriptedStrandsModel([]);
    const base = { model: scripted, systemPrompt: orchestratorSystemPrompt, tools: [], messages: [] };
    await expect(createOrchestratorAgent({ ...base, systemPrompt: '  ' })).rejects.toThrow(/^systemPrompt: /);
    await expect(createOrchestratorAgent({ ...base, model: {} as never })).rejects.toThrow(/^model: /);
    await expect(
      createOrchestratorAgent({ ...base, tools: [{ name: 'has space' }] as never }),
    ).rejects.toThrow(/^tools\[0\]: /);
    await expect(createOrchestratorAgent({ ...base, tools: 'all' as never })).rejects.toThrow(/^tools: /);
    const unknown = await appErrorOf(
      harness.core.chatTurn(plainCaller(harness.userId), { message: 'hi', model: 'no-such-model' }),
    );
    expect(unknown.code).toBe('INVALID_INPUT');
    expect(unknown.message).toMatch(/no-such-model/);
    expect(scripted.calls).toHaveLength(0);
  });
});
