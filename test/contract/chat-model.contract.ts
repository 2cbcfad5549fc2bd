import type { Model, ModelStreamEvent } from '@strands-agents/sdk';
import { Agent, Message, TextBlock } from '@strands-agents/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface ChatModelContractSubject {
  model: Model;
  /** The whole text the stand-in answers with. */
  expectedText: string;
  close(): Promise<void>;
}

function userMessage(text: string): Message {
  return new Message({ role: 'user', content: [new TextBlock(text)] });
}

async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function textOf(events: ModelStreamEvent[]): string {
  return events
    .map((event) =>
      event.type === 'modelContentBlockDeltaEvent' && event.delta.type === 'textDelta'
        ? event.delta.text
        : '',
    )
    .join('');
}

/**
 * What every chat adapter (a Strands `Model`) must do, whatever vendor sits behind it.
 * `setup` runs before each case, so a stand-in may be stateful.
 */
export function describeChatModelContract(
  name: string,
  setup: () => Promise<ChatModelContractSubject>,
): void {
  describe(`chat model contract: ${name}`, () => {
    let subject: ChatModelContractSubject;

    beforeEach(async () => {
      subject = await setup();
    });
    afterEach(async () => {
      await subject?.close();
    });

    it('streams the text in order, then a stop and a metadata event with token usage', async () => {
      const events = await collect(
        subject.model.stream([userMessage('Write one line of ad copy.')], { systemPrompt: 'You write ads.' }),
      );
      expect(events[0]?.type).toBe('modelMessageStartEvent');
      expect(textOf(events)).toBe(subject.expectedText);

      const stop = events.find((event) => event.type === 'modelMessageStopEvent');
      expect(stop).toBeDefined();
      expect(stop?.type === 'modelMessageStopEvent' && stop.stopReason).toBe('endTurn');

      const metadata = events.find(
        (event) => event.type === 'modelMetadataEvent' && event.usage !== undefined,
      );
      expect(metadata, 'a metadata event with usage, so credits can be captured by actual use').toBeDefined();
      const usage = metadata?.type === 'modelMetadataEvent' ? metadata.usage : undefined;
      expect(usage?.inputTokens).toBeGreaterThan(0);
      expect(usage?.outputTokens).toBeGreaterThan(0);
      expect(usage?.totalTokens).toBeGreaterThanOrEqual(
        (usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0),
      );
    });

    it('answers a non-streaming Strands Agent call with the text', async () => {
      const agent = new Agent({ model: subject.model, printer: false, retryStrategy: null });
      const result = await agent.invoke('Write one line of ad copy.');
      expect(result.stopReason).toBe('endTurn');
      expect(result.toString()).toContain(subject.expectedText);
    });

    it('ends with an error, not a full answer, when the cancel signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const seen: ModelStreamEvent[] = [];
      const run = async () => {
        for await (const event of subject.model.stream([userMessage('Hello')], {
          cancelSignal: controller.signal,
        })) {
          seen.push(event);
        }
      };
      await expect(run()).rejects.toBeInstanceOf(Error);
      expect(seen.some((event) => event.type === 'modelMessageStopEvent')).toBe(false);
    });
  });
}
