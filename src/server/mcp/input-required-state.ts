import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  createRequestStateCodec,
  ProtocolError,
  type RequestStateCodec,
  type ServerContext,
} from '@modelcontextprotocol/server';

/**
 * The sealed `requestState` of a 2026-07-28 tool call that asks the client for completions
 * (input-required rounds). Signed with HMAC-SHA256 (the SDK's codec), it carries the answers so
 * far, so any instance can run the next round; it is bound to the user, the tool and its
 * arguments, and expires.
 */
export interface SamplingRoundsState {
  /** SHA-256 of user, tool and canonical arguments: the state is valid for that call only. */
  call: string;
  /** The client's answers so far, by input request key (`sampling-0`, `sampling-1`, …). */
  answers: Record<string, unknown>;
}

/** How long the client has to answer one round, in seconds. */
export const requestStateTtlSeconds = 600;

export interface RequestStateOptions {
  /**
   * The server secret the `requestState` key is derived from (the asset URL secret), so every
   * instance that shares it accepts the others' states. Absent: a key made once per process
   * (one instance, or stdio, only).
   */
  requestStateSecret?: () => Promise<string>;
}

const label = 'adengine mcp requestState v1';
const codecs = new Map<string, RequestStateCodec<SamplingRoundsState>>();
let processSecret: string | undefined;

/** The codec for a secret: its own key (HMAC of the secret and a label), built once. */
export async function requestStateCodec(
  options: RequestStateOptions,
): Promise<RequestStateCodec<SamplingRoundsState>> {
  processSecret ??= randomBytes(32).toString('base64url');
  const secret =
    options.requestStateSecret === undefined ? processSecret : await options.requestStateSecret();
  let codec = codecs.get(secret);
  if (codec === undefined) {
    const key = createHmac('sha256', secret).update(label).digest();
    codec = createRequestStateCodec<SamplingRoundsState>({ key, ttlSeconds: requestStateTtlSeconds });
    codecs.set(secret, codec);
  }
  return codec;
}

/** JSON with object keys sorted at every depth: the same arguments always hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a state is bound to. Hashed: the client can read the payload (signed, not encrypted). */
export function callBinding(userId: string, tool: string, args: unknown): string {
  return createHash('sha256')
    .update(`${userId}\0${tool}\0${canonicalJson(args ?? {})}`)
    .digest('base64url');
}

function refused(reason: string): ProtocolError {
  return new ProtocolError(
    -32602,
    `INVALID_INPUT: requestState: ${reason}; call the tool again without requestState to start over (nothing was charged)`,
  );
}

/** The verified state of this call, or a clear -32602 refusal: altered, expired, or another call's. */
export async function openRequestState(
  codec: RequestStateCodec<SamplingRoundsState>,
  state: string,
  binding: string,
  context: ServerContext,
): Promise<SamplingRoundsState> {
  let payload: SamplingRoundsState;
  try {
    payload = await codec.verify(state, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : '';
    if (reason === 'expired')
      throw refused(`expired (a round must be answered within ${requestStateTtlSeconds} s)`);
    throw refused('not issued by this server, or altered (signature check failed)');
  }
  const answers = (payload as Partial<SamplingRoundsState>).answers;
  if (payload.call !== binding || answers === null || typeof answers !== 'object')
    throw refused('issued for another user, tool or arguments');
  return payload;
}
