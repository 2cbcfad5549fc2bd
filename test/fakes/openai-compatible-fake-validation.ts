export type ChatMessage = { role: string; content: unknown };

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const requestKeys = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'frequency_penalty',
  'presence_penalty',
  'stop',
  'seed',
  'n',
  'tools',
  'tool_choice',
  'response_format',
  'user',
]);

/** The text of a message whose content is a string or an array of `{ type: 'text', text }` parts. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content as { type?: unknown; text?: unknown }[];
  if (!parts.every((part) => part.type !== 'text' || typeof part.text === 'string')) return undefined;
  return parts.map((part) => (part.type === 'text' ? String(part.text) : '')).join('');
}

/** Strict checks of a `POST /v1/chat/completions` body (https://platform.openai.com/docs/api-reference/chat/create). */
export function checkChatBody(
  body: unknown,
  models: ReadonlySet<string>,
): { status: number; message: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { status: 400, message: 'body must be a JSON object' };
  const request = body as Record<string, unknown>;
  const extra = Object.keys(request).find((key) => !requestKeys.has(key));
  if (extra) return { status: 400, message: `Unrecognized request argument supplied: ${extra}` };
  if (typeof request.model !== 'string')
    return { status: 400, message: 'you must provide a model parameter' };
  if (!models.has(request.model))
    return { status: 404, message: `The model \`${request.model}\` does not exist` };
  const messages = request.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    return { status: 400, message: "'messages' must be a non-empty array" };
  for (const [index, message] of (messages as ChatMessage[]).entries()) {
    if (!roles.has(message?.role)) return { status: 400, message: `messages[${index}].role is invalid` };
    if (message.role !== 'assistant' && contentText(message.content) === undefined) {
      return { status: 400, message: `messages[${index}].content must be a string or text parts` };
    }
  }
  if (request.stream !== undefined && typeof request.stream !== 'boolean')
    return { status: 400, message: "'stream' must be a boolean" };
  if (request.stream_options !== undefined && request.stream !== true) {
    return { status: 400, message: 'The stream_options parameter is only allowed when stream is enabled.' };
  }
  if (request.n !== undefined && request.n !== 1)
    return { status: 400, message: 'this fake serves n = 1 only' };
  return undefined;
}
