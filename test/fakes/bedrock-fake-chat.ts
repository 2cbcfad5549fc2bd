import { EventStreamCodec } from '@smithy/eventstream-codec';
import { z } from 'zod';
import { minimalInstance } from './schema-minimal-instance.js';

/** Converse / ConverseStream as the Bedrock stand-in speaks them. */
const block = z
  .record(z.string(), z.unknown())
  .refine((value) => Object.keys(value).length > 0, 'empty content block');

export const converseBodySchema = z
  .object({
    messages: z
      .array(z.object({ role: z.enum(['user', 'assistant']), content: z.array(block).min(1) }).strict())
      .min(1)
      .refine((messages) => messages[0]?.role === 'user', 'A conversation must start with a user message.'),
    system: z.array(block).optional(),
    inferenceConfig: z
      .object({
        maxTokens: z.number().int().min(1).optional(),
        temperature: z.number().min(0).max(1).optional(),
        topP: z.number().min(0).max(1).optional(),
        stopSequences: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    toolConfig: z
      .object({ tools: z.array(block).min(1), toolChoice: block.optional() })
      .strict()
      .optional(),
    additionalModelRequestFields: z.unknown().optional(),
    additionalModelResponseFieldPaths: z.array(z.string()).optional(),
  })
  .strict();

export type ConverseBody = z.infer<typeof converseBodySchema>;

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function usageFor(
  body: ConverseBody,
  answer: string,
): { inputTokens: number; outputTokens: number; totalTokens: number } {
  const inputTokens = tokens(JSON.stringify(body.messages) + JSON.stringify(body.system ?? []));
  const outputTokens = tokens(answer);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/**
 * The tool the stand-in calls, if any: one it is forced to call, or one the system prompt tells
 * it to call by name. It answers with the least the tool's input schema allows.
 */
export function toolToCall(body: ConverseBody): { name: string; input: unknown } | undefined {
  const specs = (body.toolConfig?.tools ?? []).flatMap((tool) => {
    const spec = tool.toolSpec as { name?: string; inputSchema?: { json?: unknown } } | undefined;
    return spec?.name === undefined ? [] : [{ name: spec.name, schema: spec.inputSchema?.json }];
  });
  const choice = body.toolConfig?.toolChoice as { tool?: { name?: string }; any?: unknown } | undefined;
  const system = JSON.stringify(body.system ?? []);
  const chosen =
    specs.find((spec) => choice?.tool?.name === spec.name) ??
    (choice?.any === undefined ? undefined : specs[0]) ??
    specs.find((spec) => system.includes(`calling the tool ${spec.name}`)) ??
    // A user who asks for a tool by name gets one call to it; its result ends the round.
    (lastToolResultText(body) === undefined
      ? specs.find((spec) => lastUserText(body).includes(`please call the tool ${spec.name}`))
      : undefined);
  return chosen === undefined ? undefined : { name: chosen.name, input: minimalInstance(chosen.schema) };
}

function lastUserText(body: ConverseBody): string {
  const last = body.messages.at(-1);
  if (last?.role !== 'user') return '';
  return last.content.map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
}

/** The text of the tool result the conversation ends on, if it does. */
export function lastToolResultText(body: ConverseBody): string | undefined {
  const last = body.messages.at(-1);
  const results = (last?.role === 'user' ? last.content : []).flatMap((part) => {
    const result = part.toolResult as { content?: { text?: unknown }[] } | undefined;
    return result === undefined
      ? []
      : [(result.content ?? []).map((item) => String(item.text ?? '')).join('')];
  });
  return results.length === 0 ? undefined : results.join('\n');
}

/** After a tool result, the stand-in answers with its text and the first 300 characters of the result. */
function answerFor(body: ConverseBody, answer: string): string {
  const result = lastToolResultText(body);
  return result === undefined ? answer : `${answer} From the tool: ${result.slice(0, 300)}`;
}

export function converseAnswer(body: ConverseBody, answer: string): unknown {
  const tool = toolToCall(body);
  if (tool !== undefined)
    return {
      output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', ...tool } }] } },
      stopReason: 'tool_use',
      usage: usageFor(body, JSON.stringify(tool.input)),
      metrics: { latencyMs: 7 },
    };
  answer = answerFor(body, answer);
  return {
    output: { message: { role: 'assistant', content: [{ text: answer }] } },
    stopReason: 'end_turn',
    usage: usageFor(body, answer),
    metrics: { latencyMs: 7 },
  };
}

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

function frame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new Uint8Array(Buffer.from(JSON.stringify(payload), 'utf8')),
  });
}

/** Splits the answer into word-sized deltas, keeping the spaces, so order matters to the reader. */
export function deltasOf(answer: string): string[] {
  return answer.match(/\S+\s*|\s+/g) ?? [answer];
}

/** The frames of one ConverseStream answer, in the order Bedrock sends them. */
export function converseStreamFrames(body: ConverseBody, answer: string): Uint8Array[] {
  const tool = toolToCall(body);
  if (tool !== undefined)
    return [
      frame('messageStart', { role: 'assistant', p: 'abc' }),
      frame('contentBlockStart', {
        contentBlockIndex: 0,
        start: { toolUse: { toolUseId: 'tooluse_1', name: tool.name } },
        p: 'abc',
      }),
      frame('contentBlockDelta', {
        contentBlockIndex: 0,
        delta: { toolUse: { input: JSON.stringify(tool.input) } },
        p: 'abc',
      }),
      frame('contentBlockStop', { contentBlockIndex: 0, p: 'abc' }),
      frame('messageStop', { stopReason: 'tool_use', p: 'abc' }),
      frame('metadata', {
        usage: usageFor(body, JSON.stringify(tool.input)),
        metrics: { latencyMs: 7 },
        p: 'abc',
      }),
    ];
  answer = answerFor(body, answer);
  return [
    frame('messageStart', { role: 'assistant', p: 'abc' }),
    ...deltasOf(answer).map((text) =>
      frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text }, p: 'abc' }),
    ),
    frame('contentBlockStop', { contentBlockIndex: 0, p: 'abc' }),
    frame('messageStop', { stopReason: 'end_turn', p: 'abc' }),
    frame('metadata', { usage: usageFor(body, answer), metrics: { latencyMs: 7 }, p: 'abc' }),
  ];
}

/** A frame whose prelude checksum is wrong: what a corrupted stream looks like to the client. */
export function corruptFrame(): Uint8Array {
  const bytes = Buffer.from(frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }));
  bytes[9] = (bytes[9] ?? 0) ^ 0xff;
  return bytes;
}
