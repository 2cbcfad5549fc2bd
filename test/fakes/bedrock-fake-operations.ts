import type { AsyncInvokeJobs } from './bedrock-fake-async.js';
import { startAsyncInvokeSchema } from './bedrock-fake-async.js';
import {
  converseAnswer,
  converseBodySchema,
  converseStreamFrames,
  corruptFrame,
} from './bedrock-fake-chat.js';
import { answerNovaCanvas, answerStability } from './bedrock-fake-images.js';

export type BedrockOperation =
  | 'converse'
  | 'converse-stream'
  | 'invoke'
  | 'start-async-invoke'
  | 'get-async-invoke';

export interface BedrockTarget {
  operation: BedrockOperation;
  modelId?: string;
  arn?: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  frames?: Uint8Array[];
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** restJson1 errors: the type in `x-amzn-errortype`, the message in the body. */
export function awsError(status: number, errorType: string, message: string): Answer {
  return json(status, { message }, { 'x-amzn-errortype': errorType });
}

const validation = (message: string) => awsError(400, 'ValidationException', message);

export function route(method: string, path: string): BedrockTarget | undefined {
  const model = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/.exec(path);
  if (method === 'POST' && model !== null) {
    return { operation: model[2] as BedrockOperation, modelId: decodeURIComponent(model[1] ?? '') };
  }
  if (method === 'POST' && path === '/async-invoke') return { operation: 'start-async-invoke' };
  const get = /^\/async-invoke\/([^/]+)$/.exec(path);
  if (method === 'GET' && get !== null)
    return { operation: 'get-async-invoke', arn: decodeURIComponent(get[1] ?? '') };
  return undefined;
}

export function parseJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(Buffer.from(body).toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

function invokeModel(modelId: string, body: unknown, malformed: boolean): Answer {
  const id = modelId.replace(/^(us|eu|apac|jp|au|global)\./, '');
  const image = id.startsWith('amazon.nova-canvas')
    ? answerNovaCanvas(body)
    : id.startsWith('stability.')
      ? answerStability(body)
      : undefined;
  if (image === undefined) return validation('The provided model identifier is invalid.');
  if (!image.ok) return validation(image.message);
  return malformed ? json(200, { images: ['%%not-base64%%'] }) : json(200, image.json);
}

/** What the stand-in answers an authenticated, unfaulted call (`malformed` garbles a 200 answer). */
export function answerOperation(
  target: BedrockTarget,
  body: Uint8Array,
  malformed: boolean,
  context: { jobs: AsyncInvokeJobs; answerText: string; noForcedToolChoice?: readonly string[] },
): Answer {
  if (target.operation === 'get-async-invoke') {
    const described = context.jobs.describe(target.arn ?? '');
    if (described === undefined) return awsError(404, 'ResourceNotFoundException', 'Invocation not found.');
    return malformed ? json(200, { status: 'Sideways' }) : json(200, described);
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return validation('Malformed input request: body is not JSON');
  if (target.operation === 'start-async-invoke') {
    const start = startAsyncInvokeSchema.safeParse(parsed.value);
    if (!start.success) return validation(`Malformed input request: ${start.error.message}`);
    if (!start.data.modelId.startsWith('amazon.nova-reel')) {
      return validation('The provided model does not support async invoke.');
    }
    return malformed
      ? json(200, { invocation: 'missing' })
      : json(200, { invocationArn: context.jobs.start(start.data) });
  }
  if (target.operation === 'invoke') return invokeModel(target.modelId ?? '', parsed.value, malformed);
  const converse = converseBodySchema.safeParse(parsed.value);
  if (!converse.success) return validation(converse.error.issues[0]?.message ?? 'invalid request');
  const choice = converse.data.toolConfig?.toolChoice;
  const baseId = (target.modelId ?? '').replace(/^(us|eu|apac|jp|au|global)\./, '');
  if (choice !== undefined && !('auto' in choice) && context.noForcedToolChoice?.includes(baseId))
    return validation('This model does not support forcing a tool choice; use toolChoice auto.');
  if (target.operation === 'converse') {
    return malformed
      ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"output": {"message": ' }
      : json(200, converseAnswer(converse.data, context.answerText));
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/vnd.amazon.eventstream' },
    frames: malformed ? [corruptFrame()] : converseStreamFrames(converse.data, context.answerText),
  };
}
