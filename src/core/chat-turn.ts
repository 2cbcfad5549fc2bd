import type { AgentStreamEvent, MessageData } from '@strands-agents/sdk';
import { orchestratorSystemPrompt } from '../agents/prompts/orchestrator-prompt.js';
import { appendMessages, listMessages, type NewMessage } from '../db/repositories/conversations.js';
import { AppError } from '../errors/app-error.js';
import { chatHold } from './budget.js';
import type { Caller } from './caller.js';
import { assertStorableInput, chargedCall } from './charged-call.js';
import { openChat } from './chat-session.js';
import { type HistoryBudget, type HistoryMessage, trimHistory } from './conversation-history.js';
import { openConversation } from './conversations.js';
import type { CoreDeps } from './core-deps.js';
import type { ModelRef } from './model-ref.js';
import { selectModel } from './select-model.js';
import { cleanText } from './storable-text.js';
import { boundedContent, creditsOfToolResult, storedRole, textOf } from './turn-messages.js';

export interface ChatTurnInput {
  message: string;
  conversationId?: string | undefined;
  /** A catalogue chat model for this turn; the user's preference otherwise. */
  model?: string | undefined;
  /** The turn's own model tokens are never charged more (its tools take their own charges). */
  maxCredits?: number | undefined;
}

export type ChatEvent =
  | { type: 'conversation'; conversationId: string; title: string | null; created: boolean }
  | { type: 'token'; text: string }
  | { type: 'tool_start'; toolUseId: string; name: string; input: unknown }
  | {
      type: 'tool_end';
      toolUseId: string;
      name: string;
      status: 'success' | 'error';
      creditsCharged: number;
    };

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ChatTurnResult {
  conversationId: string;
  answer: string;
  /** The turn's total: its own model tokens plus what its tool calls charged. */
  creditsCharged: number;
  turnCredits: number;
  toolCredits: number;
  usage: ChatUsage;
  model: ModelRef;
  /** The client left before the answer was finished: what was used is charged, the rest released. */
  stopped: boolean;
}

/** Model calls a turn's hold is sized for: a tool round, its follow-up and the answer. */
const heldModelCalls = 3;
const maxModelCalls = 6;
const neverAborted = new AbortController().signal;

/**
 * Lets what the caller wrote for an event leave before the next event is handled. Node sends an
 * HTTP chunk from `process.nextTick` after `write()` (it corks the socket), which waits for the
 * microtask queue to empty: a model answer that arrives in one network read would otherwise be
 * handled to its end, and the turn stored, before its first token left.
 */
const letWritesLeave = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One turn with the orchestrator: the user's message and the conversation so far (trimmed by
 * whole turns) go to an agent whose tools are AdEngine's own MCP tools, acting as the caller.
 * Tokens and tool activity are reported as they happen; the turn's model tokens are charged
 * through `chargedCall`, metered within the hold and `maxCredits`; the messages are stored.
 * A caller that goes away stops the turn; it pays for the model calls that completed and the
 * tools that finished, nothing else.
 */
export async function chatTurn(
  deps: CoreDeps,
  caller: Caller,
  input: ChatTurnInput,
  onEvent: (event: ChatEvent) => void = () => undefined,
  historyBudget?: HistoryBudget,
): Promise<ChatTurnResult> {
  assertStorableInput({ message: input.message });
  if (input.message.trim() === '') throw new AppError('INVALID_INPUT', 'message: must not be empty');
  const toolSessions = deps.toolSessions;
  if (toolSessions === undefined)
    throw new AppError('UNAVAILABLE', 'the orchestrator has no tool sessions in this process');
  const entry = await selectModel(deps, caller, 'chat', input.model);
  if (entry.provider === 'client-sampling') {
    throw new AppError(
      'INVALID_INPUT',
      'chatModel: your chat model is client-sampling, which answers through an MCP client; chat has no MCP ' +
        'client to ask. Choose a provider chat model (PUT /api/v1/me/model-preferences or set_model_preferences)',
    );
  }
  const { hold, limitedBy } = await chatHold(deps, caller, entry, {
    turns: heldModelCalls,
    maxCredits: input.maxCredits,
  });
  const { conversation, created } = await openConversation(deps, caller, input.conversationId, input.message);
  onEvent({ type: 'conversation', conversationId: conversation.id, title: conversation.title, created });
  const past: HistoryMessage[] = (await listMessages(deps.db, conversation.id)).flatMap((message) =>
    message.role === 'system'
      ? []
      : [{ role: message.role, content: message.content, turnId: message.turnId }],
  );
  const userMessage = { role: 'user' as const, content: [{ text: input.message }] };
  const history = trimHistory(orchestratorSystemPrompt, past, userMessage, historyBudget);

  // The client's signal stops the agent; the charge itself is only stopped by the process stopping,
  // so what a departed client used is still captured.
  const chargeCaller: Caller = { ...caller, signal: neverAborted };
  return chargedCall(deps, chargeCaller, {
    operation: 'chat',
    input: { message: input.message, conversationId: conversation.id },
    idempotencyKey: undefined,
    hold,
    provider: entry.provider,
    run: async ({ signal: processSignal }) => {
      const signal = AbortSignal.any([caller.signal, processSignal]);
      const chat = await openChat(deps, caller, entry, { signal, budget: { credits: hold, limitedBy } });
      const session = await toolSessions.open(caller.userId);
      const closeOnAbort = () => void session.close().catch(() => undefined);
      signal.addEventListener('abort', closeOnAbort, { once: true });
      const turnId = deps.clock.newId();
      const perMessage = new Map<unknown, Omit<NewMessage, 'role' | 'content' | 'turnId'>>();
      // The text a model call cut short had streamed, kept with Strands' closing message that it paid for.
      const partial = new Map<unknown, string>();
      let callText = '';
      const usage: ChatUsage = { inputTokens: 0, outputTokens: 0 };
      let callUsage: ChatUsage | undefined;
      let spentBefore = 0;
      let toolCredits = 0;
      let agentMessages: readonly { role: string; content: unknown }[] = [];
      let failure: unknown;
      try {
        const { createOrchestratorAgent } = await import('../agents/orchestrator-agent.js');
        const agent = await createOrchestratorAgent({
          model: chat.model,
          systemPrompt: history.systemPrompt,
          tools: [session.client],
          messages: history.messages as MessageData[],
        });
        const startAt = agent.messages.length;
        const stream = agent.stream(input.message, {
          cancelSignal: signal,
          limits: { turns: maxModelCalls },
        });
        try {
          for await (const event of stream as AsyncIterable<AgentStreamEvent>) {
            if (event.type === 'modelStreamUpdateEvent') {
              const inner = event.event;
              if (inner.type === 'modelContentBlockDeltaEvent' && inner.delta.type === 'textDelta') {
                callText += inner.delta.text;
                onEvent({ type: 'token', text: inner.delta.text });
                await letWritesLeave();
              }
              if (inner.type === 'modelMetadataEvent' && inner.usage !== undefined) {
                callUsage = { inputTokens: inner.usage.inputTokens, outputTokens: inner.usage.outputTokens };
              }
            } else if (event.type === 'messageAddedEvent' && event.message.role === 'assistant') {
              const spent = chat.spent();
              // Strands' own closing message of a cancelled turn came from no model.
              // A call cut short by the caller leaving is charged what it used (metered-model.ts).
              const cutShort = callUsage === undefined ? chat.cutShort() : undefined;
              const used = callUsage ?? cutShort;
              const text = callText;
              callText = '';
              if (used === undefined && spent === spentBefore) continue;
              if (cutShort !== undefined && text !== '') partial.set(event.message, text);
              perMessage.set(event.message, {
                provider: chat.served().provider,
                modelId: chat.served().id,
                inputTokens: used?.inputTokens,
                outputTokens: used?.outputTokens,
                credits: spent - spentBefore,
              });
              if (used !== undefined) {
                usage.inputTokens += used.inputTokens;
                usage.outputTokens += used.outputTokens;
              }
              callUsage = undefined;
              spentBefore = spent;
            } else if (event.type === 'beforeToolCallEvent') {
              onEvent({
                type: 'tool_start',
                toolUseId: event.toolUse.toolUseId,
                name: event.toolUse.name,
                input: event.toolUse.input,
              });
            } else if (event.type === 'afterToolCallEvent') {
              const credits = creditsOfToolResult(event.result);
              toolCredits += credits;
              onEvent({
                type: 'tool_end',
                toolUseId: event.toolUse.toolUseId,
                name: event.toolUse.name,
                status: event.result.status,
                creditsCharged: credits,
              });
            }
          }
        } finally {
          const added = agent.messages.slice(startAt);
          agentMessages = added.map((message) => {
            const json = message.toJSON?.() ?? message;
            const text = partial.get(message);
            return text === undefined ? json : { ...json, content: [{ text }, ...json.content] };
          });
          for (const [index, message] of added.entries()) {
            const extra = perMessage.get(message);
            if (extra !== undefined) perMessage.set(index, extra);
          }
        }
      } catch (error) {
        failure = error;
      } finally {
        signal.removeEventListener('abort', closeOnAbort);
        await session.close().catch(() => undefined);
      }
      const stopped = caller.signal.aborted && !processSignal.aborted;
      const stored: NewMessage[] = agentMessages.map((message, index) => ({
        role: storedRole(message),
        content: boundedContent(message.content),
        turnId,
        ...(perMessage.get(index) ?? {}),
      }));
      if (stored.length === 0) stored.push({ role: 'user', content: [{ text: input.message }], turnId });
      await appendMessages(deps.db, conversation.id, cleanText(stored), deps.clock.now());
      if (failure !== undefined && !stopped) {
        // Strands wraps what a model throws (a budget refusal, a provider error): keep its code.
        const { toAgentError } = await import('../agents/run-agent.js');
        throw toAgentError(failure, 'answer the chat message', signal);
      }
      const last = [...agentMessages].reverse().find((message) => message.role === 'assistant');
      // A stopped turn's answer is what its last model call streamed, without Strands' closing words.
      const cut = [...partial.values()].at(-1);
      const answer = cleanText(cut ?? (last === undefined ? '' : textOf(last.content)));
      return {
        cost: chat.spent(),
        answer: (turnCredits) => ({
          conversationId: conversation.id,
          answer,
          creditsCharged: turnCredits + toolCredits,
          turnCredits,
          toolCredits,
          usage,
          model: { provider: chat.served().provider, id: chat.served().id },
          stopped,
        }),
      };
    },
  });
}
