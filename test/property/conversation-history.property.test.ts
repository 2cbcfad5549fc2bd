import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupTurns,
  type HistoryMessage,
  type ModelMessage,
  trimHistory,
  wholePart,
} from '../../src/core/conversation-history.js';

/** One stored turn: a user message, some tool rounds, and (unless cut short) an answer. */
const turnArbitrary = fc
  .record({
    question: fc.string({ minLength: 1, maxLength: 40 }),
    rounds: fc.array(fc.record({ calls: fc.integer({ min: 1, max: 3 }), size: fc.nat(400) }), {
      maxLength: 3,
    }),
    answer: fc.string({ maxLength: 60 }),
    // A client that left: the turn stops after this many messages (or is whole).
    cutAfter: fc.option(fc.nat(8), { nil: undefined }),
  })
  .map(({ question, rounds, answer, cutAfter }) => ({ question, rounds, answer, cutAfter }));

function buildHistory(
  turns: { question: string; rounds: { calls: number; size: number }[]; answer: string; cutAfter?: number }[],
): HistoryMessage[] {
  let toolUseId = 0;
  return turns.flatMap((turn, index) => {
    const turnId = `turn-${index}`;
    const messages: HistoryMessage[] = [{ role: 'user', content: [{ text: turn.question }], turnId }];
    for (const round of turn.rounds) {
      const ids = Array.from({ length: round.calls }, () => `t${toolUseId++}`);
      messages.push({
        role: 'assistant',
        content: ids.map((id) => ({ toolUse: { toolUseId: id, name: 'create_ad_creative', input: {} } })),
        turnId,
      });
      messages.push({
        role: 'tool',
        content: ids.map((id) => ({
          toolResult: { toolUseId: id, status: 'success', content: [{ text: 'x'.repeat(round.size) }] },
        })),
        turnId,
      });
    }
    messages.push({ role: 'assistant', content: [{ text: turn.answer }], turnId });
    return turn.cutAfter === undefined ? messages : messages.slice(0, turn.cutAfter + 1);
  });
}

const ids = (message: ModelMessage, key: 'toolUse' | 'toolResult') =>
  message.content.flatMap((block) => {
    const value = (block as Record<string, { toolUseId?: string }>)[key];
    return value?.toolUseId === undefined ? [] : [value.toolUseId];
  });

describe('conversation history trimming (property)', () => {
  it('keeps the system prompt, whole turns only, every tool call beside its result, within the budget', () => {
    fc.assert(
      fc.property(
        fc.array(turnArbitrary, { maxLength: 12 }),
        fc.integer({ min: 200, max: 6000 }),
        fc.integer({ min: 0, max: 12 }),
        fc.string({ minLength: 1, maxLength: 200 }),
        (turns, maxBytes, maxTurns, systemPrompt) => {
          const past = buildHistory(turns);
          const newMessage: ModelMessage = { role: 'user', content: [{ text: 'next' }] };
          const trimmed = trimHistory(systemPrompt, past, newMessage, { maxBytes, maxTurns });
          expect(trimmed.systemPrompt).toBe(systemPrompt);
          const messages = trimmed.messages;
          // Starts on a plain user message; roles alternate, so the new user message can follow.
          if (messages.length > 0) {
            expect(messages[0]?.role).toBe('user');
            expect(ids(messages[0] as ModelMessage, 'toolResult')).toEqual([]);
            expect(messages.at(-1)?.role).toBe('assistant');
          }
          for (let index = 1; index < messages.length; index += 1)
            expect(messages[index]?.role).not.toBe(messages[index - 1]?.role);
          // Every tool call is answered by the very next message, and every result has its call.
          for (const [index, message] of messages.entries()) {
            const calls = ids(message, 'toolUse');
            if (calls.length > 0)
              expect(ids(messages[index + 1] as ModelMessage, 'toolResult')).toEqual(calls);
            const results = ids(message, 'toolResult');
            if (results.length > 0)
              expect(ids(messages[index - 1] as ModelMessage, 'toolUse')).toEqual(results);
          }
          // What is kept is the newest whole turns, in order: a suffix of the complete turns.
          const whole = groupTurns(past)
            .map(wholePart)
            .filter((turn) => turn.length > 0)
            .map((turn) => turn.map((message) => message.content));
          const keptTurns = whole.slice(whole.length - countTurns(messages));
          expect(messages.map((message) => message.content)).toEqual(keptTurns.flat());
          expect(countTurns(messages)).toBeLessThanOrEqual(maxTurns);
          const size = new TextEncoder().encode(
            JSON.stringify([systemPrompt, ...messages, newMessage]),
          ).byteLength;
          expect(size).toBeLessThanOrEqual(maxBytes + 16);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Turns in a trimmed history: each starts on a user message that carries no tool result. */
function countTurns(messages: ModelMessage[]): number {
  return messages.filter((message) => message.role === 'user' && ids(message, 'toolResult').length === 0)
    .length;
}
