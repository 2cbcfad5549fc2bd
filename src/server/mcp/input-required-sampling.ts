import {
  CLIENT_CAPABILITIES_META_KEY,
  type CreateMessageRequestParams,
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { Caller } from '../../core/caller.js';
import { AppError } from '../../errors/app-error.js';
import {
  callBinding,
  openRequestState,
  type RequestStateOptions,
  requestStateCodec,
} from './input-required-state.js';
import { runToolCall, type ToolCallDeps } from './tool-calls.js';

/**
 * Client sampling on 2026-07-28, where the server cannot send `sampling/createMessage`: the tool
 * call runs from the start each round. The k-th completion it asks for is answered from the
 * client's answers so far (`sampling-k`); the first one missing ends the round with an
 * `input_required` result asking the client for it, the answers so far sealed in `requestState`.
 * A round that stops this way fails inside the charged call, so its hold is released and nothing
 * is charged; only the round that completes captures. Nothing is held while the client thinks.
 */

const answerKey = /^sampling-(\d+)$/;

/**
 * Completions one call may ask the client for, across its rounds. The sealed state carries every
 * answer so far, so this also bounds its size; a tool's own model loop asks for a handful.
 */
export const maxCompletionsPerCall = 32;

function tooManyCompletions(): AppError {
  return new AppError(
    'PROVIDER_ERROR',
    `the tool asked the MCP client for more than ${maxCompletionsPerCall} completions in one call; it was stopped and nothing was charged`,
    { retryable: false },
  );
}

/** Thrown by the round's bridge; the charged call treats it as a cancel (no retry, no fallback). */
function awaitingClient(): AppError {
  return new AppError(
    'CANCELLED',
    'waiting for the MCP client to answer a sampling request (input required)',
    {
      details: { reason: 'input-required' },
    },
  );
}

export interface SamplingRound {
  bridge: Caller['sampling'];
  /** Completions asked for that have no answer yet, by input request key. */
  missing: Map<string, Record<string, unknown>>;
  /** The answers this round used or was given, to carry into the next round. */
  answers: Record<string, unknown>;
}

/** A sampling bridge that replays `answers` in order and records what is still missing. */
export function samplingRound(answers: Record<string, unknown>): SamplingRound {
  const missing = new Map<string, Record<string, unknown>>();
  let asked = 0;
  return {
    missing,
    answers,
    bridge: {
      supported: true,
      request: async (params) => {
        if (asked >= maxCompletionsPerCall) throw tooManyCompletions();
        const key = `sampling-${asked}`;
        asked += 1;
        const answer = answers[key];
        if (answer !== undefined) return answer;
        missing.set(key, params);
        throw awaitingClient();
      },
    },
  };
}

/** The client's sampling answers in this request: only well-formed ones, under keys we issue. */
function sampledAnswers(context: ServerContext): Record<string, unknown> {
  const responses = context.mcpReq.inputResponses ?? {};
  const answers: Record<string, unknown> = {};
  for (const key of Object.keys(responses)) {
    // Only keys this server can have issued: nothing else is carried into the sealed state.
    const index = answerKey.exec(key)?.[1];
    if (index === undefined || Number(index) >= maxCompletionsPerCall) continue;
    const view = inputResponse(responses, key);
    if (view.kind === 'sampling') answers[key] = view.result;
  }
  return answers;
}

export function clientCanSample(context: ServerContext): boolean {
  const capabilities = context.mcpReq.envelope?.[CLIENT_CAPABILITIES_META_KEY as never] as
    | { sampling?: unknown }
    | undefined;
  return capabilities?.sampling !== undefined;
}

/**
 * One 2026 `tools/call` whose client can sample: verify the echoed state (a -32602 refusal
 * before anything runs or is charged), run the call with the answers so far, and either return
 * its result or ask for the completions it still needs.
 */
export async function runToolCallWithInputRequired(
  deps: ToolCallDeps & RequestStateOptions,
  name: string,
  args: unknown,
  context: ServerContext,
  callerOf: (userId: string, source: string, sampling: Caller['sampling']) => Caller,
): Promise<Awaited<ReturnType<typeof runToolCall>> | InputRequiredResult> {
  // Built only when a state comes in or goes out: most calls never ask the client.
  const sealing = async () => {
    const [codec, userId] = await Promise.all([requestStateCodec(deps), deps.userId()]);
    return { codec, binding: callBinding(userId, name, args) };
  };
  const state = context.mcpReq.requestState<string>();
  const opened = typeof state === 'string' ? await sealing() : undefined;
  const previous =
    typeof state === 'string' && opened !== undefined
      ? (await openRequestState(opened.codec, state, opened.binding, context)).answers
      : {};
  const round = samplingRound({ ...previous, ...sampledAnswers(context) });
  const result = await runToolCall(deps, name, args, (user, source) => callerOf(user, source, round.bridge));
  if (result.isError !== true || round.missing.size === 0) return result;
  const inputRequests = Object.fromEntries(
    [...round.missing].map(([key, params]) => [
      key,
      inputRequired.createMessage(params as unknown as CreateMessageRequestParams),
    ]),
  );
  const { codec, binding } = opened ?? (await sealing());
  const requestState = await codec.mint({ call: binding, answers: round.answers }, context);
  return inputRequired({ inputRequests, requestState });
}
